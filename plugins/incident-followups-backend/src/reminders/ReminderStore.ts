import { Followup } from '@incident-followups/plugin-incident-followups-common';
import { Knex } from 'knex';
import { DatabaseFollowupStore } from '../database/DatabaseFollowupStore';

/** An open followup that is due soon or overdue, and who is to be reminded of it. */
export interface DueFollowup {
  recipientRef: string;
  followup: Followup;
}

/** What the reminder task reads and records. */
export class ReminderStore {
  constructor(
    private readonly db: Knex,
    private readonly followups: DatabaseFollowupStore,
  ) {}

  /**
   * Open followups due before `until`: those a user owns go to that user, the
   * unassigned ones (a role nobody held) to the incident commanders.
   */
  async listDue(until: Date): Promise<DueFollowup[]> {
    const due = await this.followups.listOpenDueBefore(until);
    const unassignedIncidents = [
      ...new Set(due.filter(f => f.ownerRef === null).map(f => f.incidentId)),
    ];
    const commanders = unassignedIncidents.length
      ? await this.db('incident_responders')
          .whereIn('incident_id', unassignedIncidents)
          .where('role', 'incident-commander')
          .select('incident_id', 'user_ref')
      : [];
    const result: DueFollowup[] = [];
    for (const followup of due) {
      if (followup.ownerRef?.startsWith('user:')) {
        result.push({ recipientRef: followup.ownerRef, followup });
      } else if (followup.ownerRef === null) {
        for (const ic of commanders.filter(
          c => c.incident_id === followup.incidentId,
        )) {
          result.push({ recipientRef: ic.user_ref, followup });
        }
      }
    }
    return result;
  }

  /** Records the day's digest for a person; false when one was recorded already. */
  async claim(recipientRef: string, day: string): Promise<boolean> {
    try {
      await this.db('followup_reminders').insert({
        recipient_ref: recipientRef,
        day,
        sent_at: new Date(),
      });
      return true;
    } catch (error) {
      const existing = await this.db('followup_reminders')
        .where({ recipient_ref: recipientRef, day })
        .first();
      if (existing) return false;
      throw error;
    }
  }

  /** Gives the day back when sending failed, so that the next run tries again. */
  async release(recipientRef: string, day: string): Promise<void> {
    await this.db('followup_reminders')
      .where({ recipient_ref: recipientRef, day })
      .delete();
  }
}
