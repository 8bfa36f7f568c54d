import { HttpAuthService } from '@backstage/backend-plugin-api';
import { entityRefSchema } from '@incident-followups/plugin-incident-followups-common';
import { Router } from 'express';
import { z } from 'zod';
import { SourceStatusService } from '../sources/SourceStatusService';
import { parseRequest } from './parse';

const sourcesQuerySchema = z
  .object({ entityRef: entityRefSchema.optional() })
  .strict();

/** `GET /sources`: the mapped services of the incident sources and how their sync went. */
export function addSourceRoutes(
  router: Router,
  options: { httpAuth: HttpAuthService; sourceStatus: SourceStatusService },
) {
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
