import { z } from 'zod';
import {
  entityRefSchema,
  isoDateTimeSchema,
  userRefSchema,
} from '../validation';
import { POSTMORTEM_STATUSES } from './postmortem';

const MARKDOWN_MAX = 50_000;
const markdown = z.string().max(MARKDOWN_MAX);
const figure = z
  .number({
    invalid_type_error: 'must be a number',
  })
  .int('must be a whole number')
  .min(0, 'must not be negative')
  .max(1e12)
  .nullable();
const httpUrl = z
  .string()
  .url('must be a URL')
  .max(2048)
  .refine(url => /^https?:\/\//i.test(url), 'must be an http(s) URL');

/** @public */
export const timelineRowSchema = z
  .object({
    id: z.string().min(1).max(64),
    at: isoDateTimeSchema,
    event: z.string().trim().min(1, 'must not be empty').max(2_000),
    link: httpUrl.nullable().default(null),
  })
  .strict();

/**
 * The sections a save may change; sections left out stay as they are.
 *
 * @public
 */
export const postmortemContentPatchSchema = z
  .object({
    overview: markdown,
    whatHappened: markdown,
    contributingFactors: markdown,
    resolution: markdown,
    impact: z
      .object({
        sev1Minutes: figure,
        sev2Minutes: figure,
        notificationsOutOfSla: figure,
        eventsDropped: figure,
        accountsAffected: figure,
        usersAffected: figure,
        supportRequests: figure,
      })
      .strict()
      .partial(),
    timeline: z.array(timelineRowSchema).max(500),
    whatWentWell: markdown,
    whatDidntGoWell: markdown,
    internalEmail: markdown,
    externalMessage: z
      .object({
        summary: markdown,
        whatHappened: markdown,
        whatWeAreDoing: markdown,
      })
      .strict()
      .partial(),
    callRecordingUrl: httpUrl.nullable(),
  })
  .strict()
  .partial();

/** @public */
export type PostmortemContentPatch = z.output<
  typeof postmortemContentPatchSchema
>;

/** The body of `POST /incidents/{id}/postmortem`. @public */
export const createPostmortemRequestSchema = z
  .object({ ownerRef: userRefSchema })
  .strict();

/** @public */
export type CreatePostmortemRequest = z.output<
  typeof createPostmortemRequestSchema
>;

/**
 * The body of `PATCH /postmortems/{id}`, with the `version` the save is based on.
 * `invitees: null` goes back to the computed list.
 *
 * @public
 */
export const updatePostmortemRequestSchema = z
  .object({
    version: z.number().int().positive().max(2_147_483_647),
    ownerRef: userRefSchema.optional(),
    content: postmortemContentPatchSchema.optional(),
    meetingScheduledFor: isoDateTimeSchema.nullable().optional(),
    invitees: z.array(entityRefSchema).max(200).nullable().optional(),
  })
  .strict();

/** @public */
export type UpdatePostmortemRequest = z.output<
  typeof updatePostmortemRequestSchema
>;

/** The body of `POST /postmortems/{id}/transitions`. @public */
export const transitionPostmortemRequestSchema = z
  .object({
    version: z.number().int().positive().max(2_147_483_647),
    to: z.enum(POSTMORTEM_STATUSES, {
      errorMap: () => ({
        message: `must be one of ${POSTMORTEM_STATUSES.join(', ')}`,
      }),
    }),
  })
  .strict();

/** @public */
export type TransitionPostmortemRequest = z.output<
  typeof transitionPostmortemRequestSchema
>;

/**
 * The body of `POST /postmortems/{id}/notifications`: tell the stakeholders
 * (`incident`, the IC's step) or send the internal email section after the meeting.
 *
 * @public
 */
export const notifyStakeholdersRequestSchema = z
  .object({
    message: z.enum(['incident', 'internal-email'], {
      errorMap: () => ({ message: 'must be incident or internal-email' }),
    }),
    recipientRefs: z.array(entityRefSchema).max(100).default([]),
  })
  .strict();

/** @public */
export type NotifyStakeholdersRequest = z.output<
  typeof notifyStakeholdersRequestSchema
>;

/** The body of `POST /postmortems/{id}/status-page`: the external message is posted. @public */
export const statusPagePostedRequestSchema = z
  .object({ url: httpUrl.nullable().default(null) })
  .strict();

/** The body of `POST /postmortems/{id}/chat-imports`. @public */
export const chatImportRequestSchema = z
  .object({ transcript: z.string() })
  .strict();

/** The body of `POST /postmortems/{id}/chat-proposals/{key}`. @public */
export const chatDecisionRequestSchema = z
  .object({
    decision: z.enum(['accept', 'drop'], {
      errorMap: () => ({ message: 'must be accept or drop' }),
    }),
  })
  .strict();
