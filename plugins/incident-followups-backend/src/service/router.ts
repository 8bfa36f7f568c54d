import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import {
  createIncidentRequestSchema,
  groupIncidentsRequestSchema,
  updateIncidentRequestSchema,
} from '@incident-followups/plugin-incident-followups-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { IncidentStore } from '../database/IncidentStore';
import { FollowupService } from '../followups/FollowupService';
import { addFollowupRoutes } from './followupRoutes';
import { IncidentService } from './IncidentService';
import { parseRequest } from './parse';
import {
  incidentIdParamsSchema,
  listIncidentsQuerySchema,
  relatedIncidentParamsSchema,
} from './querySchemas';

export interface RouterOptions {
  auditor: AuditorService;
  httpAuth: HttpAuthService;
  incidents: IncidentService;
  followups: FollowupService;
  store: IncidentStore;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { auditor, httpAuth, incidents, followups, store } = options;
  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  const credentials = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  /** Runs a write with an audit event that records its outcome. */
  async function audited<T>(
    req: Request,
    eventId: string,
    meta: Record<string, any>,
    write: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const result = await write();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.post('/incidents', async (req, res) => {
    const caller = await credentials(req);
    const request = parseRequest(createIncidentRequestSchema, req.body, 'body');
    const result = await audited(
      req,
      'incident-create',
      { severity: request.severity, entityRefs: request.entityRefs },
      () => incidents.createIncident(request, caller),
    );
    const { created, ...incident } = result;
    res.status(created ? 201 : 200).json(incident);
  });

  router.get('/incidents', async (req, res) => {
    await credentials(req);
    const query = parseRequest(listIncidentsQuerySchema, req.query, 'query');
    res.json(
      await store.listIncidents({
        ...query,
        statuses: query.status,
        severities: query.severity,
        includeGrouped: query.includeGrouped === 'true',
      }),
    );
  });

  router.get('/incidents/:id', async (req, res) => {
    await credentials(req);
    const { id } = parseRequest(incidentIdParamsSchema, req.params, 'path');
    res.json(await incidents.getIncident(id));
  });

  router.patch('/incidents/:id', async (req, res) => {
    const caller = await credentials(req);
    const { id } = parseRequest(incidentIdParamsSchema, req.params, 'path');
    const request = parseRequest(updateIncidentRequestSchema, req.body, 'body');
    res.json(
      await audited(req, 'incident-update', { incidentId: id }, () =>
        incidents.updateIncident(id, request, caller),
      ),
    );
  });

  router.post('/incidents/:id/related', async (req, res) => {
    const caller = await credentials(req);
    const { id } = parseRequest(incidentIdParamsSchema, req.params, 'path');
    const { incidentIds } = parseRequest(
      groupIncidentsRequestSchema,
      req.body,
      'body',
    );
    res.json(
      await audited(
        req,
        'incident-group',
        { incidentId: id, incidentIds },
        () => incidents.groupIncidents(id, incidentIds, caller),
      ),
    );
  });

  router.delete('/incidents/:id/related/:relatedId', async (req, res) => {
    const caller = await credentials(req);
    const { id, relatedId } = parseRequest(
      relatedIncidentParamsSchema,
      req.params,
      'path',
    );
    res.json(
      await audited(
        req,
        'incident-ungroup',
        { incidentId: id, relatedId },
        () => incidents.ungroupIncident(id, relatedId, caller),
      ),
    );
  });

  addFollowupRoutes(router, { httpAuth, followups, audited });

  return router;
}
