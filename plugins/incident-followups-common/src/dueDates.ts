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
  const start = DateTime.fromMillis(
    typeof from === 'string' ? Date.parse(from) : from.getTime(),
    { zone: policy.timeZone },
  );
  if (!start.isValid) {
    throw new Error(
      `Invalid time zone or date: ${policy.timeZone}, ${String(from)}`,
    );
  }
  // Days are counted on the calendar of the policy's time zone, as plain dates:
  // only the end of the last one needs the zone again (and is where a daylight
  // saving change is handled). Stepping zoned times took a tenth of the team
  // overview's CPU time, in its post-mortem deadlines.
  const day = new Date(Date.UTC(start.year, start.month - 1, start.day));
  if ('days' in offset) {
    day.setUTCDate(day.getUTCDate() + offset.days);
  } else {
    const holidays = new Set(policy.holidays);
    let left = offset.businessDays;
    while (left > 0) {
      day.setUTCDate(day.getUTCDate() + 1);
      const weekday = day.getUTCDay();
      const weekend = weekday === 0 || weekday === 6;
      if (!weekend && !holidays.has(day.toISOString().slice(0, 10))) left--;
    }
  }
  // The end of that day is the instant before the next one starts.
  day.setUTCDate(day.getUTCDate() + 1);
  const next = DateTime.fromObject(
    {
      year: day.getUTCFullYear(),
      month: day.getUTCMonth() + 1,
      day: day.getUTCDate(),
    },
    { zone: policy.timeZone },
  );
  return new Date(next.toMillis() - 1).toISOString();
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
