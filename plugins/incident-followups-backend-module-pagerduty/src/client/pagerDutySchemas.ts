import { z } from 'zod';

/**
 * The parts of PagerDuty's answers that the module reads; PagerDuty sends more,
 * and what is left out here is ignored.
 */
const reference = z.object({ id: z.string(), summary: z.string().nullish() });

const person = z.object({
  id: z.string(),
  type: z.string().optional(),
  email: z.string().optional(),
});

export const pagerDutyIncidentSchema = z.object({
  id: z.string(),
  incident_number: z.number().int().optional(),
  title: z.string(),
  html_url: z.string().nullish(),
  created_at: z.string().datetime({ offset: true }),
  updated_at: z.string().datetime({ offset: true }).optional(),
  status: z.enum(['triggered', 'acknowledged', 'resolved']),
  resolved_at: z.string().datetime({ offset: true }).nullish(),
  urgency: z.enum(['high', 'low']).optional(),
  service: reference,
  priority: z.object({ id: z.string(), name: z.string().optional() }).nullish(),
  assignments: z
    .array(z.object({ at: z.string(), assignee: person }))
    .default([]),
  acknowledgements: z
    .array(z.object({ at: z.string(), acknowledger: person }))
    .default([]),
  resolve_reason: z
    .object({ type: z.string(), incident: reference.optional() })
    .nullish(),
  body: z.object({ details: z.unknown().optional() }).nullish(),
});

/** @public */
export type PagerDutyIncident = z.infer<typeof pagerDutyIncidentSchema>;

const page = z.object({
  offset: z.number().int(),
  limit: z.number().int(),
  more: z.boolean(),
});

export const incidentPageSchema = page.extend({
  incidents: z.array(pagerDutyIncidentSchema),
});

export const incidentAnswerSchema = z.object({
  incident: pagerDutyIncidentSchema,
});

export const pagerDutyLogEntrySchema = z.object({
  id: z.string(),
  type: z.string(),
  summary: z.string().nullish(),
  created_at: z.string().datetime({ offset: true }),
  agent: reference.nullish(),
  channel: z
    .object({ type: z.string().optional(), summary: z.string().nullish() })
    .passthrough()
    .nullish(),
});

/** @public */
export type PagerDutyLogEntry = z.infer<typeof pagerDutyLogEntrySchema>;

export const logEntryPageSchema = page.extend({
  log_entries: z.array(pagerDutyLogEntrySchema),
});

export const errorAnswerSchema = z.object({
  error: z.object({
    message: z.string().optional(),
    code: z.number().optional(),
    errors: z.array(z.string()).optional(),
  }),
});

export const noteAnswerSchema = z.object({
  note: z.object({ id: z.string(), content: z.string() }),
});

export const mergeAnswerSchema = z.object({
  incident: z.object({ id: z.string() }),
});

export const statusPagePostAnswerSchema = z.object({
  post: z.object({ id: z.string(), self: z.string().optional() }),
});

export const serviceAnswerSchema = z.object({
  service: z.object({
    id: z.string(),
    escalation_policy: z.object({ id: z.string() }),
  }),
});

export const onCallPageSchema = page.extend({
  oncalls: z.array(
    z.object({
      escalation_level: z.number().int().optional(),
      user: z.object({ id: z.string() }).optional(),
    }),
  ),
});

export const userAnswerSchema = z.object({
  user: z.object({ id: z.string(), email: z.string() }),
});
