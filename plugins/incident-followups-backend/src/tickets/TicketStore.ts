import { OPEN_FOLLOWUP_STATUSES } from '@incident-followups/plugin-incident-followups-common';
import { whereStatusIn } from '../database/whereStatusIn';
import { TrackedTicket } from '@incident-followups/plugin-incident-followups-node';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { writeHistory } from '../database/writeHistory';
import { DbTimestamp, toIsoStringOrNull } from '../database/tables';

/** The idempotency record of an action item's ticket. */
export interface TicketRecord {
  followupId: string;
  tracker: string;
  destination: string;
  marker: string;
  state: 'pending' | 'failed' | 'created';
  attemptId: string;
  attemptStartedAt: Date;
  lastError: string | null;
  ticketKey: string | null;
  ticketUrl: string | null;
  ticketState: 'open' | 'closed' | null;
  checkedAt: string | null;
}

/** What asking for a ticket found. */
export type TicketClaim =
  /** This caller may call the tracker; `previous` is set when an earlier attempt may have created a ticket already. */
  | {
      kind: 'claimed';
      attemptId: string;
      previous?: { tracker: string; destination: string };
    }
  | { kind: 'linked'; record: TicketRecord }
  | { kind: 'busy'; record: TicketRecord };

interface TicketRow {
  followup_id: string;
  tracker: string;
  destination: string;
  marker: string;
  state: string;
  attempt_id: string;
  attempt_started_at: DbTimestamp;
  last_error: string | null;
  ticket_key: string | null;
  ticket_url: string | null;
  ticket_state: string | null;
  checked_at: DbTimestamp | null;
  created_at: DbTimestamp;
}

function toRecord(row: TicketRow): TicketRecord {
  return {
    followupId: row.followup_id,
    tracker: row.tracker,
    destination: row.destination,
    marker: row.marker,
    state: row.state as TicketRecord['state'],
    attemptId: row.attempt_id,
    attemptStartedAt: new Date(row.attempt_started_at),
    lastError: row.last_error,
    ticketKey: row.ticket_key,
    ticketUrl: row.ticket_url,
    ticketState: row.ticket_state as TicketRecord['ticketState'],
    checkedAt: toIsoStringOrNull(row.checked_at),
  };
}

/** The one place that reads and writes ticket records. */
export class TicketStore {
  constructor(private readonly db: Knex) {}

  async get(followupId: string): Promise<TicketRecord | undefined> {
    const row = await this.db<TicketRow>('followup_tickets')
      .where({ followup_id: followupId })
      .first();
    return row && toRecord(row);
  }

  /**
   * Writes the record before the tracker is called. The primary key makes one
   * caller win; a failed attempt, or a pending one older than `leaseMs` (its
   * replica died mid-call), is taken over by exactly one caller.
   */
  async claim(
    target: {
      followupId: string;
      tracker: string;
      destination: string;
      marker: string;
    },
    now: Date,
    leaseMs: number,
  ): Promise<TicketClaim> {
    const attemptId = randomUUID();
    await this.db('followup_tickets')
      .insert({
        followup_id: target.followupId,
        tracker: target.tracker,
        destination: target.destination,
        marker: target.marker,
        state: 'pending',
        attempt_id: attemptId,
        attempt_started_at: now,
        created_at: now,
      })
      .onConflict('followup_id')
      .ignore();
    const record = (await this.get(target.followupId))!;
    if (record.attemptId === attemptId) return { kind: 'claimed', attemptId };
    if (record.state === 'created') return { kind: 'linked', record };
    const stale =
      record.state === 'failed' ||
      now.getTime() - record.attemptStartedAt.getTime() >= leaseMs;
    if (!stale) return { kind: 'busy', record };
    const taken = await this.db('followup_tickets')
      .where({
        followup_id: target.followupId,
        attempt_id: record.attemptId,
      })
      .whereNot({ state: 'created' })
      .update({
        tracker: target.tracker,
        destination: target.destination,
        state: 'pending',
        attempt_id: attemptId,
        attempt_started_at: now,
      });
    if (taken !== 1) {
      return { kind: 'busy', record: (await this.get(target.followupId))! };
    }
    return {
      kind: 'claimed',
      attemptId,
      previous: { tracker: record.tracker, destination: record.destination },
    };
  }

  /** Keeps the tracker's refusal on the record; the next request tries again. */
  async recordFailure(followupId: string, attemptId: string, error: string) {
    await this.db('followup_tickets')
      .where({ followup_id: followupId, attempt_id: attemptId })
      .update({ state: 'failed', last_error: error.slice(0, 2000) });
  }

  /**
   * Links the ticket: on the record and on the action item, together. False when
   * the attempt no longer holds the record (another took it over), and nothing
   * is written.
   */
  async recordCreated(
    followupId: string,
    attemptId: string,
    ticket: TrackedTicket,
    home: { tracker: string; destination: string },
    now: Date,
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      const held = await tx('followup_tickets')
        .where({ followup_id: followupId, attempt_id: attemptId })
        .update({
          tracker: home.tracker,
          destination: home.destination,
          state: 'created',
          last_error: null,
          ticket_key: ticket.key,
          ticket_url: ticket.url,
          ticket_state: ticket.state,
          checked_at: now,
        });
      if (held !== 1) return false;
      await tx('followups')
        .where({ id: followupId })
        .update({
          ticket_url: ticket.url,
          updated_at: now,
          version: tx.raw('version + 1'),
        });
      return true;
    });
  }

  /**
   * Open action items of these priorities, added since `since`, that have no
   * ticket and no attempt at one: those added where no request waited for a
   * tracker (chat imports, process review decisions, the assistant).
   */
  async listWithoutTicket(
    priorities: string[],
    since: Date,
    limit: number,
  ): Promise<string[]> {
    if (priorities.length === 0) return [];
    const rows = await whereStatusIn(
      this.db('followups'),
      OPEN_FOLLOWUP_STATUSES,
    )
      .leftJoin(
        'followup_tickets',
        'followup_tickets.followup_id',
        'followups.id',
      )
      .where('followups.type', 'action-item')
      .whereIn('followups.priority', priorities)
      .whereNull('followups.ticket_url')
      .whereNull('followup_tickets.followup_id')
      .where('followups.created_at', '>=', since)
      .orderBy('followups.created_at')
      .limit(limit)
      .select('followups.id');
    return rows.map((row: { id: string }) => row.id);
  }

  /** Linked tickets, those checked longest ago first. */
  async listLinked(limit: number): Promise<TicketRecord[]> {
    const rows = await this.db<TicketRow>('followup_tickets')
      .where({ state: 'created' })
      // NULL sorts first on SQLite and MySQL but last on PostgreSQL; never-checked records have none.
      .orderByRaw('CASE WHEN checked_at IS NULL THEN 0 ELSE 1 END')
      .orderBy('checked_at', 'asc')
      .limit(limit);
    return rows.map(toRecord);
  }

  async postmortemExists(incidentId: string): Promise<boolean> {
    const row = await this.db('postmortems')
      .where({ incident_id: incidentId })
      .first('id');
    return Boolean(row);
  }

  /**
   * Follows the ticket's state: a ticket closed since the last look marks its
   * open action item done, one reopened marks it open again, both recorded in
   * the incident history as changes by the tracker. Returns the new status and
   * the incident when the action item changed.
   */
  async applyTicketState(
    followupId: string,
    ticket: TrackedTicket,
    actorRef: string,
    now: Date,
  ): Promise<{ status: 'done' | 'open'; incidentId: string } | undefined> {
    return this.db.transaction(async tx => {
      const record = await tx<TicketRow>('followup_tickets')
        .where({ followup_id: followupId, state: 'created' })
        .first();
      const followup = await tx('followups')
        .where({ id: followupId })
        .first('incident_id', 'title', 'status', 'version');
      if (!record || !followup) return undefined;
      await tx('followup_tickets')
        .where({ followup_id: followupId })
        .update({ ticket_state: ticket.state, checked_at: now });
      if (record.ticket_state === ticket.state) return undefined;
      const open =
        followup.status === 'open' || followup.status === 'in-progress';
      let status: 'done' | 'open' | undefined;
      if (ticket.state === 'closed' && open) status = 'done';
      if (ticket.state === 'open' && followup.status === 'done')
        status = 'open';
      if (!status) return undefined;
      await tx('followups')
        .where({ id: followupId })
        .update({
          status,
          completed_at: status === 'done' ? now : null,
          completed_by: status === 'done' ? actorRef : null,
          updated_at: now,
          version: followup.version + 1,
        });
      await writeHistory(tx, followup.incident_id, actorRef, now, [
        {
          field: 'followup',
          from: { title: followup.title, status: followup.status },
          to: { title: followup.title, status, ticket: ticket.key },
        },
      ]);
      return { status, incidentId: followup.incident_id as string };
    });
  }
}
