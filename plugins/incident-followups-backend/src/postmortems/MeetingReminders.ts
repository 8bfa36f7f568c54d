import { LoggerService } from '@backstage/backend-plugin-api';
import { DueDatePolicy } from '@incident-followups/plugin-incident-followups-common';
import { DateTime } from 'luxon';
import { DatabasePostmortemStore } from './DatabasePostmortemStore';
import { PostmortemNotifier } from './PostmortemNotifier';

/** The draft goes out for review about a day before the meeting. */
const LEAD_HOURS = 24;

/**
 * Reminds each post-mortem owner, once per scheduled meeting time, to share the
 * draft: a rescheduled meeting gets its own reminder, a second replica none.
 */
export class MeetingReminders {
  constructor(
    private readonly options: {
      store: DatabasePostmortemStore;
      notifier: PostmortemNotifier;
      policy: DueDatePolicy;
      logger: LoggerService;
    },
  ) {}

  async send(now: Date = new Date()): Promise<{ sent: number }> {
    const { store, notifier, policy, logger } = this.options;
    const until = new Date(now.getTime() + LEAD_HOURS * 3_600_000);
    let sent = 0;
    for (const postmortem of await store.listMeetingsToRemind(now, until)) {
      const at = postmortem.meetingScheduledFor!;
      if (!(await store.claimMeetingReminder(postmortem.id, at))) continue;
      const when = DateTime.fromISO(at, { zone: policy.timeZone }).toFormat(
        "ccc d LLL 'at' HH:mm ZZZZ",
      );
      try {
        await notifier.meetingSoon(postmortem, `on ${when}`);
        sent++;
      } catch (error) {
        await store.releaseMeetingReminder(postmortem.id);
        logger.warn(
          `Post-mortem meeting reminder for ${postmortem.ownerRef} not sent, to be tried again: ${error}`,
        );
      }
    }
    return { sent };
  }
}
