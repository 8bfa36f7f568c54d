import { LoggerService } from '@backstage/backend-plugin-api';
import {
  emptyPostmortemContent,
  POSTMORTEM_STATUSES,
  postmortemContentPatchSchema,
  PostmortemStatus,
  userRefSchema,
} from '@incident-followups/plugin-incident-followups-common';
import { z } from 'zod';
import { readDemoFile } from './readDemoFile';
import { FollowupStore } from '../database/FollowupStore';
import { DatabasePostmortemStore } from '../postmortems/DatabasePostmortemStore';
import { applyContentPatch } from '../postmortems/PostmortemService';

const demoPostmortemSchema = z
  .object({
    ownerRef: userRefSchema,
    status: z.enum(POSTMORTEM_STATUSES),
    meetingScheduledFor: z.string().datetime().optional(),
    statusPagePosted: z.boolean().default(false),
    content: postmortemContentPatchSchema.default({}),
  })
  .strict();

const demoFileSchema = z.object({
  incidents: z.array(
    z
      .object({ id: z.string(), postmortem: demoPostmortemSchema.optional() })
      .passthrough(),
  ),
});

/**
 * Stores the post-mortems of the demo incidents file (`postmortem:` under an
 * incident), walking each through the statuses to the one given so that its
 * history reads as real. An incident that has a post-mortem already is left alone.
 */
export async function seedDemoPostmortems(options: {
  file: string;
  store: DatabasePostmortemStore;
  followups: FollowupStore;
  logger: LoggerService;
}): Promise<number> {
  const data = await readDemoFile(
    options.file,
    demoFileSchema,
    'an invalid post-mortem',
  );
  let created = 0;
  for (const { id, postmortem } of data.incidents) {
    if (!postmortem || (await options.store.getByIncident(id))) continue;
    const actorRef = 'demo-data';
    const record = await options.store.create({
      incidentId: id,
      ownerRef: postmortem.ownerRef,
      content: applyContentPatch(emptyPostmortemContent(), postmortem.content),
      actorRef,
      onWrite: (tx, pm) =>
        options.followups
          .completeAutomatically(
            tx,
            pm.incidentId,
            'postmortem-owner-assigned',
            actorRef,
          )
          .then(() => undefined),
    });
    await options.store.update(record.id, {
      version: 'latest',
      actorRef,
      plan: () => ({
        meetingScheduledFor: postmortem.meetingScheduledFor,
        ...(postmortem.statusPagePosted
          ? {
              statusPagePostedAt: new Date().toISOString(),
              statusPagePostedBy: 'user:default/carol',
            }
          : {}),
      }),
      onWrite: postmortem.statusPagePosted
        ? (tx, pm) =>
            options.followups
              .completeAutomatically(
                tx,
                pm.incidentId,
                'status-page-updated',
                actorRef,
              )
              .then(() => undefined)
        : undefined,
    });
    const path = POSTMORTEM_STATUSES.slice(
      1,
      POSTMORTEM_STATUSES.indexOf(postmortem.status) + 1,
    );
    for (const status of path as PostmortemStatus[]) {
      await options.store.update(record.id, {
        version: 'latest',
        actorRef,
        plan: () => ({ status }),
      });
    }
    created++;
  }
  options.logger.info(`Demo post-mortems: ${created} new`);
  return created;
}
