import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import {
  ACTION_ITEM_KINDS,
  FOLLOWUP_PRIORITIES,
  FOLLOWUP_STATUSES,
} from './followup';
import { INCIDENT_STATUSES } from './incident';
import { RESPONDER_ROLES } from './roles';
import { SEVERITIES } from './severity';

function refSchema(expectedKind?: string) {
  return z.string().transform((value, ctx) => {
    try {
      const ref = parseEntityRef(value);
      if (!/^[a-zA-Z0-9][\w.-]*$/.test(ref.name)) throw new Error('bad name');
      if (expectedKind && ref.kind.toLowerCase() !== expectedKind) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `'${value}' is not a ${expectedKind} ref (${expectedKind}:namespace/name)`,
        });
        return z.NEVER;
      }
      // Not toLocaleLowerCase('en-US'): the same mapping, at ten times the
      // cost (ICU), for every ref of every request.
      return stringifyEntityRef(ref).toLowerCase();
    } catch {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `'${value}' is not an entity ref of the form kind:namespace/name`,
      });
      return z.NEVER;
    }
  });
}

/**
 * A catalog entity ref in its full form (`kind:namespace/name`); the namespace may
 * be left out and defaults to `default`. Parsed refs come out normalised, lower case.
 *
 * @public
 */
export const entityRefSchema = refSchema();

/** @public */
export const userRefSchema = refSchema('user');

/** @public */
export const groupRefSchema = refSchema('group');

/** @public */
export const severitySchema = z.enum(SEVERITIES, {
  errorMap: () => ({ message: `must be one of ${SEVERITIES.join(', ')}` }),
});

/** @public */
export const incidentStatusSchema = z.enum(INCIDENT_STATUSES, {
  errorMap: () => ({
    message: `must be one of ${INCIDENT_STATUSES.join(', ')}`,
  }),
});

/**
 * MySQL's TIMESTAMP columns hold 1970-01-01 to 2038-01-19; dates are kept to a
 * range that leaves room for due dates computed up to a year later.
 */
const EARLIEST_DATE = Date.UTC(1970, 0, 2);
const LATEST_DATE = Date.UTC(2037, 0, 1);

/** @public */
export const isoDateTimeSchema = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time' })
  .refine(
    value => {
      const time = Date.parse(value);
      return time >= EARLIEST_DATE && time < LATEST_DATE;
    },
    { message: 'must be between 1970-01-02 and 2036-12-31' },
  );

/** @public */
export const responderSchema = z
  .object({
    role: z.enum(RESPONDER_ROLES, {
      errorMap: () => ({
        message: `must be one of ${RESPONDER_ROLES.join(', ')}`,
      }),
    }),
    userRef: userRefSchema,
  })
  .strict();

const respondersSchema = z
  .array(responderSchema)
  .max(100)
  .transform(responders => {
    const seen = new Set<string>();
    return responders.filter(r => {
      const key = `${r.role} ${r.userRef}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  });

const sourceSchema = z
  .object({
    type: z
      .string()
      .regex(
        /^[a-z][a-z0-9-]{0,31}$/,
        'must be a lower-case word such as pagerduty or manual',
      ),
    externalId: z.string().min(1).max(255).nullable().default(null),
    url: z.string().url('must be a URL').max(2048).nullable().default(null),
  })
  .strict()
  .refine(source => source.type === 'manual' || source.externalId !== null, {
    message: 'needs an externalId unless the type is manual',
    path: ['externalId'],
  });

function checkTimes(
  value: {
    status?: string;
    startedAt?: string;
    acknowledgedAt?: string | null;
    resolvedAt?: string | null;
  },
  ctx: z.RefinementCtx,
) {
  const started = value.startedAt ? Date.parse(value.startedAt) : undefined;
  for (const field of ['acknowledgedAt', 'resolvedAt'] as const) {
    const time = value[field];
    if (time && started !== undefined && Date.parse(time) < started) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [field],
        message: 'must not be before startedAt',
      });
    }
  }
  if (value.resolvedAt && value.status && value.status !== 'resolved') {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['resolvedAt'],
      message: 'is only allowed when status is resolved',
    });
  }
}

/**
 * The body of `POST /incidents`.
 *
 * @public
 */
export const createIncidentRequestSchema = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(300),
    description: z.string().max(20_000).default(''),
    severity: severitySchema,
    finalSeverity: severitySchema.nullable().default(null),
    status: incidentStatusSchema.default('triggered'),
    startedAt: isoDateTimeSchema,
    acknowledgedAt: isoDateTimeSchema.nullable().default(null),
    resolvedAt: isoDateTimeSchema.nullable().default(null),
    entityRefs: z
      .array(entityRefSchema)
      .min(1, 'needs at least one affected entity')
      .max(100)
      .transform(refs => [...new Set(refs)]),
    responders: respondersSchema.default([]),
    source: sourceSchema.default({
      type: 'manual',
      externalId: null,
      url: null,
    }),
  })
  .strict()
  .superRefine((value, ctx) => {
    checkTimes(value, ctx);
    if (value.status === 'resolved' && !value.resolvedAt) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['resolvedAt'],
        message: 'is required when status is resolved',
      });
    }
    if (value.status === 'resolved' && !value.finalSeverity) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['finalSeverity'],
        message: 'is required to resolve an incident',
      });
    }
  });

/** @public */
export type CreateIncidentRequest = z.output<
  typeof createIncidentRequestSchema
>;

/**
 * The body of `PATCH /incidents/{id}`: the fields to change, and the `version` the
 * change was based on. Resolving (`status: resolved`) needs a final severity, given
 * here or set before; `resolvedAt` defaults to now.
 *
 * @public
 */
export const updateIncidentRequestSchema = z
  .object({
    version: z.number().int().positive().max(2_147_483_647),
    title: z.string().trim().min(1, 'must not be empty').max(300).optional(),
    description: z.string().max(20_000).optional(),
    severity: severitySchema.optional(),
    finalSeverity: severitySchema.nullable().optional(),
    status: incidentStatusSchema.optional(),
    acknowledgedAt: isoDateTimeSchema.nullable().optional(),
    resolvedAt: isoDateTimeSchema.nullable().optional(),
    responders: respondersSchema.optional(),
  })
  .strict()
  .superRefine((value, ctx) => checkTimes(value, ctx));

/** @public */
export type UpdateIncidentRequest = z.output<
  typeof updateIncidentRequestSchema
>;

/**
 * The body of `POST /incidents/{id}/related`: incidents to group under this one.
 *
 * @public
 */
export const groupIncidentsRequestSchema = z
  .object({
    incidentIds: z
      .array(z.string().uuid('must be an incident id (a UUID)'))
      .min(1, 'needs at least one incident')
      .max(100)
      .transform(ids => [...new Set(ids)]),
  })
  .strict();

/** @public */
export type GroupIncidentsRequest = z.output<
  typeof groupIncidentsRequestSchema
>;

/**
 * Turns a validation failure into one line that names each offending field.
 *
 * @public
 */
export function describeValidationError(error: z.ZodError): string {
  return error.issues
    .map(issue => {
      const field = issue.path.length ? issue.path.join('.') : 'body';
      return `${field}: ${issue.message}`;
    })
    .join('; ');
}

/** A user or group ref, normalised. @public */
export const ownerRefSchema = z.string().transform((value, ctx) => {
  const parsed = entityRefSchema.safeParse(value);
  if (!parsed.success || !/^(user|group):/.test(parsed.data)) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `'${value}' is not a user or group ref (user:namespace/name or group:namespace/name)`,
    });
    return z.NEVER;
  }
  return parsed.data;
});

/**
 * The body of `POST /incidents/{id}/followups`: an action item. The owner defaults
 * to the owning team of the affected service, the due date to the policy for the
 * incident's severity.
 *
 * @public
 */
export const createActionItemRequestSchema = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(300),
    description: z.string().max(20_000).default(''),
    kind: z.enum(ACTION_ITEM_KINDS, {
      errorMap: () => ({
        message: `must be one of ${ACTION_ITEM_KINDS.join(', ')}`,
      }),
    }),
    priority: z.enum(FOLLOWUP_PRIORITIES, {
      errorMap: () => ({
        message: `must be one of ${FOLLOWUP_PRIORITIES.join(', ')}`,
      }),
    }),
    ownerRef: ownerRefSchema.nullable().optional(),
    dueAt: isoDateTimeSchema.nullable().optional(),
    ticketUrl: z
      .string()
      .url('must be a URL')
      .max(2048)
      .nullable()
      .default(null),
  })
  .strict();

/** @public */
export type CreateActionItemRequest = z.output<
  typeof createActionItemRequestSchema
>;

/**
 * The body of `PATCH /followups/{id}`, with the `version` it is based on.
 * Won't do needs a reason.
 *
 * @public
 */
export const updateFollowupRequestSchema = z
  .object({
    version: z.number().int().positive().max(2_147_483_647),
    title: z.string().trim().min(1, 'must not be empty').max(300).optional(),
    description: z.string().max(20_000).optional(),
    status: z
      .enum(FOLLOWUP_STATUSES, {
        errorMap: () => ({
          message: `must be one of ${FOLLOWUP_STATUSES.join(', ')}`,
        }),
      })
      .optional(),
    wontDoReason: z.string().trim().max(2_000).nullable().optional(),
    priority: z.enum(FOLLOWUP_PRIORITIES).optional(),
    ownerRef: ownerRefSchema.nullable().optional(),
    dueAt: isoDateTimeSchema.nullable().optional(),
    ticketUrl: z.string().url('must be a URL').max(2048).nullable().optional(),
  })
  .strict();

/** @public */
export type UpdateFollowupRequest = z.output<
  typeof updateFollowupRequestSchema
>;
