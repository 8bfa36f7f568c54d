import {
  entityRefSchema,
  FOLLOWUP_STATUSES,
  FollowupStatus,
  groupRefSchema,
  INCIDENT_STATUSES,
  isoDateTimeSchema,
  POSTMORTEM_STATUSES,
  userRefSchema,
  SEVERITIES,
  Severity,
} from '@incident-followups/plugin-incident-followups-common';
import { z } from 'zod';

/** A list filter given as `?x=a,b` or `?x=a&x=b`. */
export function listOf<T extends [string, ...string[]]>(values: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform(value =>
      (Array.isArray(value) ? value : [value]).flatMap(v => v.split(',')),
    )
    .pipe(
      z.array(
        z.enum(values, {
          errorMap: () => ({ message: `must be one of ${values.join(', ')}` }),
        }),
      ),
    );
}

export const listIncidentsQuerySchema = z
  .object({
    entityRef: entityRefSchema.optional(),
    ownerRef: entityRefSchema.optional(),
    status: listOf([...INCIDENT_STATUSES]).optional(),
    severity: listOf([...SEVERITIES]).optional(),
    since: isoDateTimeSchema.optional(),
    until: isoDateTimeSchema.optional(),
    includeGrouped: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict()
  .refine(
    q => !q.since || !q.until || Date.parse(q.since) <= Date.parse(q.until),
    {
      message: 'must not be before since',
      path: ['until'],
    },
  );

export const incidentIdParamsSchema = z.object({
  id: z.string().uuid('must be an incident id (a UUID)'),
});

export const relatedIncidentParamsSchema = z.object({
  id: z.string().uuid('must be an incident id (a UUID)'),
  relatedId: z.string().uuid('must be an incident id (a UUID)'),
});

export const listPostmortemsQuerySchema = z
  .object({
    status: listOf([...POSTMORTEM_STATUSES]).optional(),
    ownerRef: userRefSchema.optional(),
    teamRef: entityRefSchema.optional(),
    entityRef: entityRefSchema.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().max(500).optional(),
  })
  .strict();

export const teamParamsSchema = z.object({
  groupRef: groupRefSchema,
});

/** The longest period a team overview covers. */
const MAX_PERIOD_DAYS = 3 * 366;
const DEFAULT_PERIOD_DAYS = 90;

/** Whose followups, and which: the filters of a team's lists. */
const teamListFilters = {
  severity: listOf([...SEVERITIES]).optional(),
  status: listOf([...FOLLOWUP_STATUSES]).optional(),
  memberRef: userRefSchema.optional(),
  includeChildren: z.enum(['true', 'false']).default('true'),
};

/** The filters of a team's overview and of its CSV export. */
const teamFilters = {
  since: isoDateTimeSchema.optional(),
  until: isoDateTimeSchema.optional(),
  ...teamListFilters,
};

function teamListFilterValues(
  q: z.infer<z.ZodObject<typeof teamListFilters>>,
): {
  severities?: Severity[];
  statuses?: FollowupStatus[];
  memberRef?: string;
  includeChildren: boolean;
} {
  return {
    severities: q.severity,
    statuses: q.status,
    memberRef: q.memberRef?.toLowerCase(),
    includeChildren: q.includeChildren === 'true',
  };
}

function teamFilterValues(q: z.infer<z.ZodObject<typeof teamFilters>>) {
  const until = q.until ? new Date(q.until) : new Date();
  const since = q.since
    ? new Date(q.since)
    : new Date(until.getTime() - DEFAULT_PERIOD_DAYS * 86_400_000);
  return { since, until, ...teamListFilterValues(q) };
}

/** The pages of a team's followups after its overview's, by the overview's `nextCursor`. */
export const teamFollowupsQuerySchema = z
  .object({
    ...teamListFilters,
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict()
  .transform(({ limit, cursor, ...filters }) => ({
    ...teamListFilterValues(filters),
    limit,
    cursor,
  }));

/** The pages of a team's open or missing post-mortems after its overview's, by the overview's cursors. */
export const teamPostmortemsQuerySchema = z
  .object({
    severity: teamListFilters.severity,
    memberRef: teamListFilters.memberRef,
    includeChildren: teamListFilters.includeChildren,
    limit: z.coerce.number().int().min(1).max(500).default(25),
    cursor: z.string().max(500).optional(),
  })
  .strict()
  .transform(({ limit, cursor, ...filters }) => {
    const { statuses, ...values } = teamListFilterValues(filters);
    return { ...values, limit, cursor };
  });

function checkPeriod<T extends { since: Date; until: Date }>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
) {
  return schema
    .refine(q => q.since.getTime() <= q.until.getTime(), {
      message: 'the period must not end before it starts',
      path: ['until'],
    })
    .refine(
      q =>
        q.until.getTime() - q.since.getTime() <= MAX_PERIOD_DAYS * 86_400_000,
      { message: 'the period may cover at most 3 years', path: ['since'] },
    );
}

export const teamExportQuerySchema = checkPeriod(
  z.object(teamFilters).strict().transform(teamFilterValues),
);

/**
 * The overview's query: the filters, how many followups and post-mortems to
 * list (0 for the counts alone), and whether to count the period's weeks (the trend charts).
 */
export const teamOverviewQuerySchema = checkPeriod(
  z
    .object({
      ...teamFilters,
      followupLimit: z.coerce.number().int().min(0).max(500).default(500),
      postmortemLimit: z.coerce.number().int().min(0).max(500).default(500),
      weeks: z.enum(['true', 'false']).default('true'),
    })
    .strict()
    .transform(({ followupLimit, postmortemLimit, weeks, ...filters }) => ({
      ...teamFilterValues(filters),
      followupLimit,
      postmortemLimit,
      weeks: weeks === 'true',
    })),
);
