import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DueDatePolicy,
  meetingDeadline,
  meetingState,
} from '@incident-followups/plugin-incident-followups-common';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { DateTime } from 'luxon';
import { BehindPostmortem, reminderDigest } from './reminderDigest';
import { DueFollowup, ReminderStore } from './ReminderStore';

/** Followups due within this many hours are in the digest with the overdue ones. */
const DUE_SOON_HOURS = 48;

/**
 * Sends each person one digest a day, through Backstage notifications (and so by
 * email where the email module is installed): their followups that are overdue or
 * due soon, including those of their teams, and, to incident commanders, the
 * post-mortems whose meeting is late or at risk. The day is counted in the
 * due-date policy's time zone, and the digest goes out on the first run at or
 * after the configured hour.
 */
export class ReminderService {
  constructor(
    private readonly options: {
      store: ReminderStore;
      notifications: NotificationService;
      policy: DueDatePolicy;
      hour: number;
      logger: LoggerService;
    },
  ) {}

  async sendDigests(now: Date = new Date()): Promise<{ sent: number }> {
    const { policy, store } = this.options;
    const local = DateTime.fromJSDate(now).setZone(policy.timeZone);
    if (local.hour < this.options.hour) {
      return { sent: 0 };
    }
    const day = local.toISODate()!;

    const followups = new Map<string, DueFollowup[]>();
    for (const entry of await store.listDue(
      new Date(now.getTime() + DUE_SOON_HOURS * 3_600_000),
    )) {
      followups.set(entry.recipientRef, [
        ...(followups.get(entry.recipientRef) ?? []),
        entry,
      ]);
    }
    const postmortems = new Map<string, BehindPostmortem[]>();
    for (const postmortem of await store.listOpenPostmortems()) {
      const deadline = meetingDeadline(
        postmortem.incidentResolvedAt,
        postmortem.incidentSeverity,
        policy,
      )!;
      const state = meetingState(postmortem, deadline, now);
      if (state !== 'late' && state !== 'at-risk') continue;
      postmortems.set(postmortem.recipientRef, [
        ...(postmortems.get(postmortem.recipientRef) ?? []),
        { postmortem, deadline, state },
      ]);
    }

    let sent = 0;
    for (const recipientRef of new Set([
      ...followups.keys(),
      ...postmortems.keys(),
    ])) {
      if (!(await store.claim(recipientRef, day))) continue;
      try {
        await this.options.notifications.send({
          recipients: { type: 'entity', entityRef: recipientRef },
          payload: reminderDigest(
            followups.get(recipientRef) ?? [],
            postmortems.get(recipientRef) ?? [],
            policy,
            now,
          ),
        });
        sent++;
      } catch (error) {
        await store.release(recipientRef, day);
        this.options.logger.warn(
          `Followup reminder for ${recipientRef} not sent, to be tried again: ${error}`,
        );
      }
    }
    return { sent };
  }
}
