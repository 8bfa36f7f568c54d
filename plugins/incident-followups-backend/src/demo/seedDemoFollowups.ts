import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ACTION_ITEM_KINDS,
  entityRefSchema,
  FOLLOWUP_PRIORITIES,
  isoDateTimeSchema,
} from '@incident-followups/plugin-incident-followups-common';
import { z } from 'zod';
import { readDemoFile } from './readDemoFile';
import { DatabaseFollowupStore } from '../database/DatabaseFollowupStore';

const demoFollowupsSchema = z
  .object({
    /** Every role step of the incident was done at this time. */
    roleStepsDoneAt: isoDateTimeSchema.optional(),
    actionItems: z
      .array(
        z
          .object({
            id: z.string().uuid('must be a UUID'),
            title: z.string().min(1),
            description: z.string().default(''),
            kind: z.enum(ACTION_ITEM_KINDS),
            priority: z.enum(FOLLOWUP_PRIORITIES),
            ownerRef: entityRefSchema.nullable().default(null),
            dueAt: isoDateTimeSchema,
            createdAt: isoDateTimeSchema,
            completedAt: isoDateTimeSchema.optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

const demoFileSchema = z.object({
  incidents: z.array(
    z
      .object({ id: z.string(), followups: demoFollowupsSchema.optional() })
      .passthrough(),
  ),
});

/**
 * Stores the demo incidents' followup history (`followups:` under an incident):
 * action items with when they were added and done, and role steps done at a
 * given time, so that the team overview's trends have a past to show. Seeding
 * again adds nothing twice.
 */
export async function seedDemoFollowups(options: {
  file: string;
  followups: DatabaseFollowupStore;
  logger: LoggerService;
}): Promise<void> {
  const data = await readDemoFile(
    options.file,
    demoFileSchema,
    'invalid followups',
  );
  let items = 0;
  for (const { id, followups } of data.incidents) {
    if (!followups) continue;
    if (followups.roleStepsDoneAt) {
      await options.followups.completeRoleStepsAt(
        id,
        followups.roleStepsDoneAt,
        'demo-data',
      );
    }
    for (const item of followups.actionItems) {
      const doneBy = item.ownerRef?.startsWith('user:')
        ? item.ownerRef
        : 'demo-data';
      await options.followups.importActionItem(id, {
        ...item,
        ticketUrl: null,
        completedAt: item.completedAt ?? null,
        completedBy: item.completedAt ? doneBy : null,
      });
      items++;
    }
  }
  options.logger.info(`Demo followups: ${items} action items checked`);
}
