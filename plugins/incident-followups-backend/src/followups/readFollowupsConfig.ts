import { Config } from '@backstage/config';
import {
  Checklists,
  checklistsConfigSchema,
  describeValidationError,
  DueDatePolicy,
  DueOffset,
  mergeChecklists,
  SEVERITIES,
  Severity,
} from '@incident-followups/plugin-incident-followups-common';
import { IANAZone } from 'luxon';
import { z } from 'zod';

export interface FollowupsConfig {
  checklists: Checklists;
  policy: DueDatePolicy;
  /** When new action items are due by default, per final severity. */
  actionItemDue: Partial<Record<Severity, DueOffset>>;
}

const dueDatesSchema = z
  .object({
    timeZone: z
      .string()
      .refine(
        zone => IANAZone.isValidZone(zone),
        'must be an IANA time zone such as Europe/Berlin',
      )
      .default('UTC'),
    holidays: z
      .array(
        z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD'),
      )
      .default([]),
    actionItems: z
      .record(
        z.enum(SEVERITIES),
        z.union([
          z.object({ days: z.number().int().min(0).max(365) }).strict(),
          z.object({ businessDays: z.number().int().min(0).max(365) }).strict(),
        ]),
      )
      .default({ 'SEV-1': { days: 15 }, 'SEV-2': { days: 30 } }),
  })
  .strict();

function parse<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  key: string,
): z.output<T> {
  const result = schema.safeParse(value ?? undefined);
  if (!result.success) {
    throw new Error(
      `Invalid configuration: ${describeValidationError(result.error)
        .split('; ')
        .map(issue => `${key}.${issue}`)
        .join('; ')}`,
    );
  }
  return result.data;
}

/**
 * Reads `incidentFollowups.checklists` and `incidentFollowups.dueDates`; a mistake
 * stops the backend at start with the key that is wrong.
 */
export function readFollowupsConfig(config: Config): FollowupsConfig {
  const checklists = parse(
    checklistsConfigSchema.default({}),
    config.getOptional('incidentFollowups.checklists'),
    'incidentFollowups.checklists',
  );
  const dueDates = parse(
    dueDatesSchema.default({}),
    config.getOptional('incidentFollowups.dueDates'),
    'incidentFollowups.dueDates',
  );
  return {
    checklists: mergeChecklists(checklists),
    policy: { timeZone: dueDates.timeZone, holidays: dueDates.holidays },
    actionItemDue: dueDates.actionItems,
  };
}
