import { DateTime, Duration } from 'luxon';

/** "12 Nov 2026, 14:05 UTC": incident times are read across time zones. */
export function formatIncidentTime(iso: string): string {
  return `${DateTime.fromISO(iso, { zone: 'utc' }).toFormat(
    'd LLL yyyy, HH:mm',
  )} UTC`;
}

/** How long an incident lasted (or has lasted so far), as "2h 15m" or "3d 4h". */
export function formatIncidentDuration(
  startedAt: string,
  resolvedAt: string | null,
  now: Date = new Date(),
): string {
  const end = resolvedAt
    ? DateTime.fromISO(resolvedAt)
    : DateTime.fromJSDate(now);
  const minutes = Math.max(
    0,
    Math.round(end.diff(DateTime.fromISO(startedAt), 'minutes').minutes),
  );
  const duration = Duration.fromObject({ minutes }).shiftTo(
    'days',
    'hours',
    'minutes',
  );
  if (duration.days > 0) return `${duration.days}d ${duration.hours}h`;
  if (duration.hours > 0) return `${duration.hours}h ${duration.minutes}m`;
  return `${duration.minutes}m`;
}
