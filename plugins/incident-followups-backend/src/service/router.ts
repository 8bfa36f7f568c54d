import { AnswerCache } from '../answers/AnswerCache';
import { ReadAccess } from './readFilter';
import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  createIncidentRequestSchema,
  groupIncidentsRequestSchema,
  incidentUpdatePermission,
  updateIncidentRequestSchema,
} from '@incident-followups/plugin-incident-followups-common';
import { createValidatedOpenApiRouterFromGeneratedEndpointMap } from '@backstage/backend-openapi-utils';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { IncidentStore } from '../database/IncidentStore';
import { FollowupService } from '../followups/FollowupService';
import { TicketService } from '../tickets/TicketService';
import { PostmortemService } from '../postmortems/PostmortemService';
import { addFollowupRoutes } from './followupRoutes';
import { addPostmortemRoutes } from './postmortemRoutes';
import { addTeamRoutes } from './teamRoutes';
import { addSourceRoutes } from './sourceRoutes';
import { SourceStatusService } from '../sources/SourceStatusService';
import { SourceWriteBackService } from '../sources/SourceWriteBackService';
import { createAuthorize } from './authorize';
import { addProcessReviewRoutes } from './processReviewRoutes';
import { ProcessReviewService } from '../processReviews/ProcessReviewService';
import { TeamOverviewService } from '../teams/TeamOverviewService';
import { IncidentService } from './IncidentService';
import { IncidentSignals } from './IncidentSignals';
import { parseRequest } from './parse';
import { readRequestBodies } from './requestBodies';
import { nameUnknownFields } from './nameUnknownFields';
import { refuseNulCharacters } from './refuseNulCharacters';
import { readOpenApiSpec } from '../schema/openApiSpec';
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
  tickets: TicketService;
  store: IncidentStore;
  signals: IncidentSignals;
  postmortems: PostmortemService;
  teams: TeamOverviewService;
  processReviews: ProcessReviewService;
  permissions: PermissionsService;
  readAccess: ReadAccess;
  /** The aggregate answers kept until the data changes. */
  answers: AnswerCache;
  appBaseUrl: string;
  sourceStatus: SourceStatusService;
  sourceWriteBack: SourceWriteBackService;
  /** The largest request body read; chat transcripts have their own limit. */
  requestBodyLimitBytes: number;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    auditor,
    httpAuth,
    incidents,
    followups,
    tickets,
    store,
    signals,
    postmortems,
    teams,
    processReviews,
    permissions,
    readAccess,
    answers,
    appBaseUrl,
    sourceStatus,
    sourceWriteBack,
    requestBodyLimitBytes,
  } = options;
  const router = Router();
  router.use(readRequestBodies(requestBodyLimitBytes), refuseNulCharacters);
  // Every request is checked against the published document before a route sees
  // it; the document is served at /openapi.json.
  const spec = readOpenApiSpec();
  const api: express.Router =
    createValidatedOpenApiRouterFromGeneratedEndpointMap(spec, {
      // The bodies are read above, where a body over its limit is a 413.
      middleware: [(_req, _res, next) => next()],
      // Backstage's httpAuth checks tokens; the document only describes them.
      validatorOptions: { validateSecurity: false },
    });
  router.use(api, nameUnknownFields(spec));

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

  const checkedAuthorize = createAuthorize(permissions);
  // An incident's permissions are asked once the incident is known to exist, so
  // that a missing one is a 404 rather than a refusal.
  const authorize: typeof checkedAuthorize = async (
    caller,
    permission,
    incidentId,
  ) => {
    if (permission.type === 'resource' && incidentId) {
      await incidents.getIncident(incidentId);
    }
    await checkedAuthorize(caller, permission, incidentId);
  };
  addPostmortemRoutes(api, {
    httpAuth,
    postmortems,
    signals,
    audited,
    appBaseUrl,
    authorize,
    readAccess,
  });

  api.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  api.post('/incidents', async (req, res) => {
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

  api.get('/incidents', async (req, res) => {
    const caller = await credentials(req);
    const query = parseRequest(listIncidentsQuerySchema, req.query, 'query');
    res.json(
      await store.listIncidents(
        {
          ...query,
          statuses: query.status,
          severities: query.severity,
          includeGrouped: query.includeGrouped === 'true',
          readable: await readAccess.filter(caller),
        },
        answers.counter(req),
      ),
    );
  });

  api.get('/incidents/:id', async (req, res) => {
    const caller = await credentials(req);
    const { id } = parseRequest(incidentIdParamsSchema, req.params, 'path');
    await readAccess.check(caller, id);
    res.json(await incidents.getIncident(id));
  });

  api.patch('/incidents/:id', async (req, res) => {
    const caller = await credentials(req);
    const { id } = parseRequest(incidentIdParamsSchema, req.params, 'path');
    const request = parseRequest(updateIncidentRequestSchema, req.body, 'body');
    await authorize(caller, incidentUpdatePermission, id);
    const updated = await audited(
      req,
      'incident-update',
      { incidentId: id },
      () => incidents.updateIncident(id, request, caller),
    );
    // Resolving brings the role followups along.
    await signals.changed(id, request.status ? 'followups' : 'incident');
    res.json(updated);
  });

  api.post('/incidents/:id/related', async (req, res) => {
    const caller = await credentials(req);
    const { id } = parseRequest(incidentIdParamsSchema, req.params, 'path');
    const { incidentIds } = parseRequest(
      groupIncidentsRequestSchema,
      req.body,
      'body',
    );
    await authorize(caller, incidentUpdatePermission, id);
    const grouped = await audited(
      req,
      'incident-group',
      { incidentId: id, incidentIds },
      () => incidents.groupIncidents(id, incidentIds, caller),
    );
    for (const changedId of [id, ...incidentIds]) {
      await signals.changed(changedId, 'incident');
    }
    res.json(grouped);
  });

  api.delete('/incidents/:id/related/:relatedId', async (req, res) => {
    const caller = await credentials(req);
    const { id, relatedId } = parseRequest(
      relatedIncidentParamsSchema,
      req.params,
      'path',
    );
    await authorize(caller, incidentUpdatePermission, id);
    const ungrouped = await audited(
      req,
      'incident-ungroup',
      { incidentId: id, relatedId },
      () => incidents.ungroupIncident(id, relatedId, caller),
    );
    await signals.changed(id, 'incident');
    await signals.changed(relatedId, 'incident');
    res.json(ungrouped);
  });

  addFollowupRoutes(api, {
    httpAuth,
    followups,
    tickets,
    audited,
    signals,
    authorize,
    readAccess,
    answers,
  });
  addTeamRoutes(api, { httpAuth, teams, appBaseUrl, readAccess, answers });
  addSourceRoutes(api, {
    httpAuth,
    sourceStatus,
    writeBack: sourceWriteBack,
    authorize,
    audited,
    onChanged: id => signals.changed(id, 'followups'),
    incidentOfPostmortem: async id => (await postmortems.get(id)).incidentId,
  });
  addProcessReviewRoutes(api, {
    httpAuth,
    signals,
    reviews: processReviews,
    postmortems,
    audited,
    appBaseUrl,
    permissions,
    readAccess,
    answers,
  });

  return router;
}
