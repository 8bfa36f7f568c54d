import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import {
  entityRefSchema,
  incidentUpdatePermission,
  postmortemEditPermission,
  SOURCE_ACTIONS,
} from '@incident-followups/plugin-incident-followups-common';
import { Request, Router } from 'express';
import { z } from 'zod';
import { SourceStatusService } from '../sources/SourceStatusService';
import { SourceWriteBackService } from '../sources/SourceWriteBackService';
import { parseRequest } from './parse';
import { incidentIdParamsSchema } from './querySchemas';

const sourcesQuerySchema = z
  .object({ entityRef: entityRefSchema.optional() })
  .strict();

const postmortemIdParamsSchema = z.object({ id: z.string().uuid() });

const sourceActionRequestSchema = z
  .object({ action: z.enum(SOURCE_ACTIONS) })
  .strict();

/**
 * `GET /sources`: the mapped services of the incident sources and how their sync
 * went. `POST /incidents/{id}/source-actions`: the IC's steps in the source.
 */
export function addSourceRoutes(
  router: Router,
  options: {
    httpAuth: HttpAuthService;
    sourceStatus: SourceStatusService;
    writeBack: SourceWriteBackService;
    authorize: (
      caller: BackstageCredentials,
      permission: typeof incidentUpdatePermission,
      incidentId: string,
    ) => Promise<void>;
    incidentOfPostmortem: (postmortemId: string) => Promise<string>;
    audited: <T>(
      req: Request,
      eventId: string,
      meta: Record<string, unknown>,
      write: () => Promise<T>,
    ) => Promise<T>;
    onChanged: (incidentId: string) => Promise<void>;
  },
) {
  router.post('/postmortems/:id/status-page-post', async (req, res) => {
    const caller = await options.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const { id } = parseRequest(postmortemIdParamsSchema, req.params, 'path');
    const incidentId = await options.incidentOfPostmortem(id);
    await options.authorize(caller, postmortemEditPermission, incidentId);
    const postmortem = await options.audited(
      req,
      'postmortem-status-page-post',
      { postmortemId: id },
      () => options.writeBack.postToStatusPage(id, caller),
    );
    await options.onChanged(incidentId);
    res.json(postmortem);
  });

  router.post('/incidents/:id/source-actions', async (req, res) => {
    const caller = await options.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const { id } = parseRequest(incidentIdParamsSchema, req.params, 'path');
    const { action } = parseRequest(
      sourceActionRequestSchema,
      req.body,
      'body',
    );
    await options.authorize(caller, incidentUpdatePermission, id);
    const incident = await options.audited(
      req,
      'incident-source-action',
      { incidentId: id, action },
      () => options.writeBack.perform(id, action, caller),
    );
    await options.onChanged(id);
    res.json(incident);
  });

  router.get('/sources', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseRequest(sourcesQuerySchema, req.query, 'query');
    res.json({
      items: await options.sourceStatus.list(credentials, query.entityRef),
    });
  });
}
