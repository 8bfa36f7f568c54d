import { LoggerService } from '@backstage/backend-plugin-api';
import {
  createIncidentRequestSchema,
  describeValidationError,
} from '@incident-followups/plugin-incident-followups-common';
import fs from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { IncidentStore } from '../database/IncidentStore';

const demoFileSchema = z.object({
  incidents: z.array(
    z.object({ id: z.string().uuid('must be a UUID') }).passthrough(),
  ),
});

/**
 * Stores the incidents of a demo file (YAML, `incidents: [{ id, title, ... }]`).
 * Each has a fixed id, so seeding again on every start adds nothing twice. The whole
 * file is validated before anything is stored.
 */
export async function seedDemoIncidents(options: {
  file: string;
  store: IncidentStore;
  logger: LoggerService;
}): Promise<number> {
  const { file, store, logger } = options;
  const text = await fs.readFile(file, 'utf8');
  const parsed = demoFileSchema.safeParse(parseYaml(text));
  if (!parsed.success) {
    throw new Error(
      `Demo incidents file ${file} is invalid: ${describeValidationError(
        parsed.error,
      )}`,
    );
  }
  const requests = parsed.data.incidents.map(({ id, ...fields }, index) => {
    const request = createIncidentRequestSchema.safeParse(fields);
    if (!request.success) {
      throw new Error(
        `Demo incidents file ${file}, incident ${
          index + 1
        } (${id}) is invalid: ${describeValidationError(request.error)}`,
      );
    }
    return { id, request: request.data };
  });
  for (const { id, request } of requests) {
    await store.createIncident(request, { id });
  }
  logger.info(`Demo incidents from ${file}: ${requests.length} present`);
  return requests.length;
}
