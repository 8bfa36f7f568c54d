import { z } from 'zod';
import { FollowupStatus } from './followup';
import { PostmortemStatus } from './postmortem/postmortem';
import { Severity } from './severity';
import { entityRefSchema, isoDateTimeSchema } from './validation';

/** @public */
export const JOIN_REQUEST_STATUSES = [
  'pending',
  'approved',
  'declined',
] as const;
/** @public */
export type JoinRequestStatus = (typeof JOIN_REQUEST_STATUSES)[number];

/** Someone asking to take part in a process review. @public */
export interface JoinRequest {
  id: string;
  userRef: string;
  reason: string;
  status: JoinRequestStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

/** A process action item, as the agenda shows it. @public */
export interface ProcessItemSummary {
  followupId: string;
  incidentId: string;
  incidentTitle: string;
  title: string;
  ownerRef: string | null;
  status: FollowupStatus;
  dueAt: string | null;
}

/** What the responders said about the response to an incident. @public */
export interface FeedbackSummary {
  count: number;
  /** Mean rating (1-5), one decimal; null without ratings. */
  average: number | null;
  comments: { userRef: string; rating: number; comment: string }[];
}

/** One incident on the agenda. @public */
export interface AgendaIncident {
  incidentId: string;
  title: string;
  severity: Severity;
  startedAt: string;
  resolvedAt: string;
  durationMinutes: number;
  commanderRefs: string[];
  postmortem: { id: string; status: PostmortemStatus } | null;
  /** The post-mortem's "What didn't go so well", Markdown. */
  whatDidntGoWell: string;
  processItems: ProcessItemSummary[];
  feedback: FeedbackSummary;
  /** The meeting's notes on it, and whether it was discussed. */
  notes: string;
  discussed: boolean;
  /** For optimistic concurrency of the notes. */
  itemVersion: number;
}

/** A decision of the meeting; with a followup when it became one. @public */
export interface ProcessDecision {
  id: string;
  incidentId: string | null;
  text: string;
  followupId: string | null;
  createdBy: string;
  createdAt: string;
}

/** A process review meeting (without its agenda). @public */
export interface ProcessReviewSummary {
  id: string;
  title: string;
  scheduledFor: string;
  durationMinutes: number;
  periodSince: string;
  periodUntil: string;
  createdBy: string;
  /** How many take part: the organiser, the period's incident commanders, and the people approved or added. */
  attendeeCount: number;
  pendingRequestCount: number;
  version: number;
}

/** A process review with its attendees, requests and decisions; its agenda is read a page at a time. @public */
export interface ProcessReview extends ProcessReviewSummary {
  /** The organiser, the period's incident commanders, and the people approved or added; `attendeeCount` of them. */
  attendeeRefs: string[];
  /** How many incidents the agenda holds, of those the caller may read; `GET /process-reviews/{id}/agenda` reads them a page at a time. */
  agendaCount: number;
  /** How many of them the meeting has marked discussed. */
  discussedCount: number;
  /** Process action items still open from before the period, carried over until done: the oldest, up to a limit. */
  carriedOver: ProcessItemSummary[];
  /** How many process action items are carried over, `carriedOver` or not. */
  carriedOverCount: number;
  /** Feedback over every incident of the period. */
  periodFeedback: { count: number; average: number | null };
  joinRequests: JoinRequest[];
  decisions: ProcessDecision[];
}

/** The longest a process review meeting may last. @public */
export const LONGEST_MEETING_MINUTES = 480;

/** @public */
export const createProcessReviewRequestSchema = z
  .object({
    title: z.string().trim().min(1).max(200).default('Process review'),
    scheduledFor: isoDateTimeSchema,
    durationMinutes: z
      .number()
      .int()
      .min(15)
      .max(LONGEST_MEETING_MINUTES)
      .default(60),
    /** Default: the end of the previous meeting's period, or 30 days back. */
    periodSince: isoDateTimeSchema.optional(),
    /** Default: the meeting's start. */
    periodUntil: isoDateTimeSchema.optional(),
  })
  .strict();
/** @public */
export type CreateProcessReviewRequest = z.infer<
  typeof createProcessReviewRequestSchema
>;

/** @public */
export const updateAgendaItemRequestSchema = z
  .object({
    version: z.number().int().min(0).max(2_147_483_647),
    notes: z.string().max(20_000).optional(),
    discussed: z.boolean().optional(),
  })
  .strict();
/** @public */
export type UpdateAgendaItemRequest = z.infer<
  typeof updateAgendaItemRequestSchema
>;

/** @public */
export const recordDecisionRequestSchema = z
  .object({
    incidentId: z.string().uuid('must be an incident id (a UUID)').nullable(),
    text: z.string().trim().min(1).max(5_000),
    /** Make it a process followup of the incident, owned and due. */
    followup: z
      .object({
        ownerRef: entityRefSchema,
        dueAt: isoDateTimeSchema.nullable().default(null),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine(d => !d.followup || d.incidentId, {
    message: 'a decision becomes a followup of an incident on the agenda',
    path: ['incidentId'],
  });
/** @public */
export type RecordDecisionRequest = z.infer<typeof recordDecisionRequestSchema>;

/** @public */
export const joinRequestSchema = z
  .object({ reason: z.string().trim().max(2_000).default('') })
  .strict();

/** @public */
export const decideJoinRequestSchema = z
  .object({ decision: z.enum(['approve', 'decline']) })
  .strict();

/** @public */
export const feedbackRequestSchema = z
  .object({
    rating: z.number().int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
    comment: z.string().trim().max(5_000).default(''),
  })
  .strict();
/** @public */
export type FeedbackRequest = z.infer<typeof feedbackRequestSchema>;

/** Responder feedback on an incident, and the caller's own. @public */
export interface IncidentFeedback extends FeedbackSummary {
  mine: { rating: number; comment: string } | null;
}
