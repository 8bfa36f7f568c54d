import { Config } from '@backstage/config';

/** `incidentFollowups.reminders.hour`: the hour of the day (0-23) the digests go out; default 9. */
export function readReminderHour(config: Config | undefined): number {
  const hour = config?.getOptionalNumber('hour') ?? 9;
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
    throw new Error(
      `Invalid configuration: incidentFollowups.reminders.hour must be a whole hour from 0 to 23, not ${hour}`,
    );
  }
  return hour;
}
