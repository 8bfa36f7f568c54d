import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  createIncidentRequestSchema,
  entityRefSchema,
} from '@incident-followups/plugin-incident-followups-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { IncidentStore } from '../database/IncidentStore';
import { parseRequest } from './parse';

const listIncidentsQuerySchema = z
  .object({
    entityRef: entityRefSchema.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict();

const incidentIdSchema = z.object({ id: z.string().uuid('must be a UUID') });

export interface RouterOptions {
  auditor: AuditorService;
  httpAuth: HttpAuthService;
  incidents: IncidentStore;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { auditor, httpAuth, incidents } = options;
  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.post('/incidents', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const request = parseRequest(createIncidentRequestSchema, req.body, 'body');
    const auditorEvent = await auditor.createEvent({
      eventId: 'incident-create',
      severityLevel: 'medium',
      request: req,
      meta: { severity: request.severity, entityRefs: request.entityRefs },
    });
    try {
      const incident = await incidents.createIncident(request);
      await auditorEvent.success({ meta: { incidentId: incident.id } });
      res.status(201).json(incident);
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/incidents', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const query = parseRequest(listIncidentsQuerySchema, req.query, 'query');
    res.json(await incidents.listIncidents(query));
  });

  router.get('/incidents/:id', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const { id } = parseRequest(incidentIdSchema, req.params, 'path');
    const incident = await incidents.getIncident(id);
    if (!incident) {
      throw new NotFoundError(`No incident with id ${id}`);
    }
    res.json(incident);
  });

  return router;
}
