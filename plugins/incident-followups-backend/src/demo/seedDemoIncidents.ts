import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  createIncidentRequestSchema,
  describeValidationError,
} from '@incident-followups/plugin-incident-followups-common';
import { z } from 'zod';
import { readDemoFile } from './readDemoFile';
import { IncidentStore } from '../database/IncidentStore';
import { IncidentService } from '../service/IncidentService';

const demoFileSchema = z.object({
  incidents: z.array(
    z
      .object({
        id: z.string().uuid('must be a UUID'),
        primaryIncidentId: z.string().uuid('must be a UUID').optional(),
        // Read by seedDemoPostmortems and seedDemoFollowups.
        postmortem: z.unknown().optional(),
        followups: z.unknown().optional(),
        feedback: z.unknown().optional(),
      })
      .passthrough(),
  ),
});

/**
 * Stores the incidents of a demo file (YAML, `incidents: [{ id, title, ... }]`),
 * and groups those that name a `primaryIncidentId`. Each has a fixed id, so seeding
 * again on every start adds nothing twice. The whole file is validated before
 * anything is stored. Owners are filled in by the ownership refresh, since the
 * catalog may not have read its locations yet when the backend starts.
 */
export async function seedDemoIncidents(options: {
  file: string;
  incidents: IncidentService;
  store: IncidentStore;
  credentials: BackstageCredentials;
  logger: LoggerService;
}): Promise<number> {
  const { file, incidents, store, credentials, logger } = options;
  const data = await readDemoFile(file, demoFileSchema, 'an invalid incident');
  const entries = data.incidents.map(
    (
      {
        id,
        primaryIncidentId,
        postmortem: _postmortem,
        followups: _followups,
        feedback: _feedback,
        ...fields
      },
      index,
    ) => {
      const request = createIncidentRequestSchema.safeParse(fields);
      if (!request.success) {
        throw new Error(
          `Demo incidents file ${file}, incident ${
            index + 1
          } (${id}) is invalid: ${describeValidationError(request.error)}`,
        );
      }
      return { id, primaryIncidentId, request: request.data };
    },
  );
  let created = 0;
  for (const { id, request } of entries) {
    const result = await incidents.createIncident(request, credentials, {
      id,
      resolveOwnersLater: true,
    });
    if (result.created) created++;
  }
  for (const { id, primaryIncidentId } of entries) {
    const incident = await store.getIncident(id);
    if (primaryIncidentId && incident && !incident.primaryIncidentId) {
      await store.groupIncidents(primaryIncidentId, [id], 'demo-data');
    }
  }
  logger.info(
    `Demo incidents from ${file}: ${entries.length} present, ${created} new`,
  );
  return entries.length;
}
