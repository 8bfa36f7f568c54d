import {
  Followup,
  PostmortemStatus,
  Severity,
} from '@incident-followups/plugin-incident-followups-common';
import { Knex } from 'knex';
import { DatabaseFollowupStore } from '../database/DatabaseFollowupStore';
import { readCommanders } from '../database/readCommanders';
import {
  DbTimestamp,
  toIsoString,
  toIsoStringOrNull,
} from '../database/tables';

/**
 * An open followup that is due soon or overdue, and who is to be reminded of it:
 * its owner, the members of its owning group, or the incident commanders when
 * nobody held the role it belongs to.
 */
export interface DueFollowup {
  recipientRef: string;
  followup: Followup;
  /** Set when the recipient is reminded as a member of the group that owns it. */
  viaGroupRef?: string;
}

/** An open post-mortem of a resolved incident, for its incident commanders to check on. */
export interface OpenPostmortem {
  recipientRef: string;
  postmortemId: string;
  incidentId: string;
  incidentTitle: string;
  incidentSeverity: Severity;
  incidentResolvedAt: string;
  status: PostmortemStatus;
  meetingScheduledFor: string | null;
}

/** The direct members of each group, as the catalog knows them. */
export type GroupMembers = (
  groupRefs: string[],
) => Promise<Map<string, string[]>>;

/** What the reminder task reads and records. */
export class ReminderStore {
  constructor(
    private readonly db: Knex,
    private readonly followups: DatabaseFollowupStore,
    private readonly members: GroupMembers,
  ) {}

  private async commandersOf(incidentIds: string[]) {
    const commanders = await readCommanders(this.db, incidentIds);
    return (incidentId: string) => commanders.get(incidentId) ?? [];
  }

  /** Open followups due before `until`, once for each person to remind. */
  async listDue(until: Date): Promise<DueFollowup[]> {
    const due = await this.followups.listOpenDueBefore(until);
    const commanders = await this.commandersOf(
      due.filter(f => f.ownerRef === null).map(f => f.incidentId),
    );
    const members = await this.members([
      ...new Set(
        due
          .map(f => f.ownerRef)
          .filter((ref): ref is string => !!ref?.startsWith('group:')),
      ),
    ]);
    return due.flatMap((followup): DueFollowup[] => {
      const owner = followup.ownerRef;
      if (owner === null) {
        return commanders(followup.incidentId).map(recipientRef => ({
          recipientRef,
          followup,
        }));
      }
      if (owner.startsWith('group:')) {
        return (members.get(owner) ?? []).map(recipientRef => ({
          recipientRef,
          followup,
          viaGroupRef: owner,
        }));
      }
      return [{ recipientRef: owner, followup }];
    });
  }

  /**
   * Post-mortems in Draft or In review of resolved incidents, once for each of
   * the incident's commanders (or the post-mortem's owner when nobody led it):
   * the IC's step "check on the post-mortem's progress".
   */
  async listOpenPostmortems(): Promise<OpenPostmortem[]> {
    const rows: {
      id: string;
      incident_id: string;
      owner_ref: string;
      status: string;
      meeting_scheduled_for: DbTimestamp | null;
      title: string;
      severity: string;
      resolved_at: DbTimestamp;
    }[] = await this.db('postmortems')
      .join('incidents', 'incidents.id', 'postmortems.incident_id')
      .whereIn('postmortems.status', ['draft', 'in-review'])
      .whereNotNull('incidents.resolved_at')
      .select(
        'postmortems.id',
        'postmortems.incident_id',
        'postmortems.owner_ref',
        'postmortems.status',
        'postmortems.meeting_scheduled_for',
        'incidents.title',
        'incidents.resolved_at',
        this.db.raw(
          'coalesce(incidents.final_severity, incidents.severity) as severity',
        ),
      );
    const commanders = await this.commandersOf(rows.map(r => r.incident_id));
    return rows.flatMap(row => {
      const ics = commanders(row.incident_id);
      return (ics.length ? ics : [row.owner_ref]).map(recipientRef => ({
        recipientRef,
        postmortemId: row.id,
        incidentId: row.incident_id,
        incidentTitle: row.title,
        incidentSeverity: row.severity as Severity,
        incidentResolvedAt: toIsoString(row.resolved_at),
        status: row.status as PostmortemStatus,
        meetingScheduledFor: toIsoStringOrNull(row.meeting_scheduled_for),
      }));
    });
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
