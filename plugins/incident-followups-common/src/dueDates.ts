import { DateTime } from 'luxon';

/**
 * How long after a moment something is due: calendar days, or business days
 * (weekdays that are not holidays).
 *
 * @public
 */
export type DueOffset = { days: number } | { businessDays: number };

/** @public */
export interface DueDatePolicy {
  /** IANA time zone in which days and weekends are counted, such as `Europe/Berlin`. */
  timeZone: string;
  /** Holidays as `YYYY-MM-DD` in that time zone; they are not business days. */
  holidays: string[];
}

/** @public */
export const DEFAULT_DUE_DATE_POLICY: DueDatePolicy = {
  timeZone: 'UTC',
  holidays: [],
};

function isBusinessDay(day: DateTime, holidays: Set<string>): boolean {
  return day.weekday <= 5 && !holidays.has(day.toISODate()!);
}

/**
 * When something is due: the end of the day (in the policy's time zone) that lies
 * the offset after `from`.
 *
 * @public
 */
export function dueDate(
  from: string | Date,
  offset: DueOffset,
  policy: DueDatePolicy,
): string {
  const start = (
    typeof from === 'string'
      ? DateTime.fromISO(from)
      : DateTime.fromJSDate(from)
  ).setZone(policy.timeZone);
  if (!start.isValid) {
    throw new Error(
      `Invalid time zone or date: ${policy.timeZone}, ${String(from)}`,
    );
  }
  let day = start;
  if ('days' in offset) {
    day = day.plus({ days: offset.days });
  } else {
    const holidays = new Set(policy.holidays);
    let left = offset.businessDays;
    while (left > 0) {
      day = day.plus({ days: 1 });
      if (isBusinessDay(day, holidays)) left--;
    }
  }
  return day.endOf('day').toUTC().toISO()!;
}

/** How soon "due soon" starts: within this many hours of the due time. @public */
export const DUE_SOON_HOURS = 48;

/**
 * Where an open item stands against its due time.
 *
 * @public
 */
export function dueState(
  dueAt: string | null,
  now: Date = new Date(),
): 'overdue' | 'due-soon' | 'on-time' | 'no-due-date' {
  if (!dueAt) return 'no-due-date';
  const hoursLeft = (Date.parse(dueAt) - now.getTime()) / 3_600_000;
  if (hoursLeft < 0) return 'overdue';
  if (hoursLeft <= DUE_SOON_HOURS) return 'due-soon';
  return 'on-time';
}
