import { LoggerService } from '@backstage/backend-plugin-api';
import {
  dueState,
  DueDatePolicy,
} from '@incident-followups/plugin-incident-followups-common';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { DateTime } from 'luxon';
import { DueFollowup, ReminderStore } from './ReminderStore';

/** Followups due within this many hours are in the digest with the overdue ones. */
const DUE_SOON_HOURS = 48;

/**
 * Sends each person one digest a day of their followups that are overdue or due
 * soon, through Backstage notifications (and so by email where the email module
 * is installed). The day is counted in the due-date policy's time zone, and the
 * digest goes out on the first run at or after the configured hour.
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
    const local = DateTime.fromJSDate(now).setZone(
      this.options.policy.timeZone,
    );
    if (local.hour < this.options.hour) {
      return { sent: 0 };
    }
    const day = local.toISODate()!;
    const due = await this.options.store.listDue(
      new Date(now.getTime() + DUE_SOON_HOURS * 3_600_000),
    );
    const byRecipient = new Map<string, DueFollowup[]>();
    for (const entry of due) {
      byRecipient.set(entry.recipientRef, [
        ...(byRecipient.get(entry.recipientRef) ?? []),
        entry,
      ]);
    }
    let sent = 0;
    for (const [recipientRef, entries] of byRecipient) {
      if (!(await this.options.store.claim(recipientRef, day))) continue;
      try {
        await this.options.notifications.send({
          recipients: { type: 'entity', entityRef: recipientRef },
          payload: this.digest(entries, now),
        });
        sent++;
      } catch (error) {
        await this.options.store.release(recipientRef, day);
        this.options.logger.warn(
          `Followup reminder for ${recipientRef} not sent, to be tried again: ${error}`,
        );
      }
    }
    return { sent };
  }

  private digest(entries: DueFollowup[], now: Date) {
    const overdue = entries.filter(
      e => dueState(e.followup.dueAt, now) === 'overdue',
    );
    const lines = entries.map(({ followup }) => {
      const due = DateTime.fromISO(followup.dueAt!, {
        zone: this.options.policy.timeZone,
      }).toFormat('d LLL');
      const state =
        dueState(followup.dueAt, now) === 'overdue' ? 'overdue since' : 'due';
      return `• ${followup.title} (${followup.incidentTitle}), ${state} ${due}${
        followup.ownerRef ? '' : ', unassigned: hand it out'
      }`;
    });
    return {
      title:
        overdue.length > 0
          ? `${overdue.length} of your incident followups are overdue`
          : `${entries.length} of your incident followups are due soon`,
      description: lines.join('\n'),
      link: '/my-followups',
      severity: overdue.length > 0 ? ('high' as const) : ('normal' as const),
      topic: 'incident-followups-reminders',
    };
  }
}
