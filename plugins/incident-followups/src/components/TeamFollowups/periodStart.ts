import { DateTime } from 'luxon';

/**
 * The start of a team's period of the last `days` days: midnight UTC that many
 * days before today. Every caller the same day asks the same question, so the
 * backend's kept answer serves them all; the period ends now (no `until`).
 */
export function periodStart(days: number, now: number = Date.now()): string {
  return DateTime.fromMillis(now, { zone: 'utc' })
    .startOf('day')
    .minus({ days })
    .toISO()!;
}
