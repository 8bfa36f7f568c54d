import { LoggerService } from '@backstage/backend-plugin-api';
import {
  isoDateTimeSchema,
  userRefSchema,
} from '@incident-followups/plugin-incident-followups-common';
import { z } from 'zod';
import { readDemoFile } from './readDemoFile';
import { DatabaseProcessReviewStore } from '../processReviews/DatabaseProcessReviewStore';

const demoFileSchema = z.object({
  incidents: z.array(
    z
      .object({
        id: z.string(),
        feedback: z
          .array(
            z
              .object({
                userRef: userRefSchema,
                rating: z.number().int().min(1).max(5),
                comment: z.string().default(''),
              })
              .strict(),
          )
          .optional(),
      })
      .passthrough(),
  ),
  processReviews: z
    .array(
      z
        .object({
          id: z.string().uuid('must be a UUID'),
          title: z.string().min(1),
          /** Days after the first start of the portal, so that the demo meeting is upcoming. */
          scheduledInDays: z.number().int(),
          durationMinutes: z.number().int().min(15).default(60),
          periodSince: isoDateTimeSchema,
          createdBy: userRefSchema,
        })
        .strict(),
    )
    .default([]),
});

/**
 * Stores the demo process reviews (`processReviews:` in the demo incidents file)
 * and the responders' feedback on demo incidents (`feedback:` under an incident).
 * A meeting stored before is left alone, so it keeps its date across restarts.
 */
export async function seedDemoProcessReviews(options: {
  file: string;
  store: DatabaseProcessReviewStore;
  logger: LoggerService;
  now?: Date;
}): Promise<void> {
  const data = await readDemoFile(
    options.file,
    demoFileSchema,
    'an invalid process review or feedback',
  );
  const now = options.now ?? new Date();
  for (const incident of data.incidents) {
    for (const feedback of incident.feedback ?? []) {
      await options.store.saveFeedback({
        incidentId: incident.id,
        ...feedback,
      });
    }
  }
  let created = 0;
  for (const review of data.processReviews) {
    if (await options.store.get(review.id)) continue;
    const scheduled = new Date(
      now.getTime() + review.scheduledInDays * 86_400_000,
    );
    scheduled.setUTCHours(15, 0, 0, 0);
    await options.store.create({
      id: review.id,
      title: review.title,
      scheduledFor: scheduled.toISOString(),
      durationMinutes: review.durationMinutes,
      periodSince: review.periodSince,
      periodUntil: scheduled.toISOString(),
      createdBy: review.createdBy,
    });
    created++;
  }
  options.logger.info(`Demo process reviews: ${created} new`);
}
