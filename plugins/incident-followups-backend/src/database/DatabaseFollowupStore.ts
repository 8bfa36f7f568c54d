import { dialectOf, lockIncident } from './sqlDialect';
import { writeHistory } from './writeHistory';
import { followupHistory } from './followupHistory';
import { whereReadable } from './incidentReadFilter';
import { readPlannedOnce } from './plannedOnce';
import { unionOf } from './unionOf';
import { whereStatusIn } from './whereStatusIn';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  ActionItemKind,
  AutoCompletion,
  Followup,
  FollowupPriority,
  FollowupStatus,
  Page,
  PlannedRoleFollowup,
  ResponderRole,
  Severity,
  OPEN_FOLLOWUP_STATUSES,
} from '@incident-followups/plugin-incident-followups-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import {
  countAtOnce,
  countRows,
  ListCounter,
  listTotal,
  readPage,
} from './cursor';
import {
  decodeUrgencyCursor,
  encodeUrgencyCursor,
  whereAfterUrgency,
} from './urgencyCursor';
import {
  FollowupChanges,
  FollowupListQuery,
  FollowupStore,
  NewActionItem,
} from './FollowupStore';
import {
  DbTimestamp,
  toDateOrNull,
  toIsoString,
  toIsoStringOrNull,
} from './tables';

interface FollowupRow {
  id: string;
  incident_id: string;
  incident_title: string;
  incident_severity: string;
  type: string;
  source_key: string | null;
  role: string | null;
  position: number | null;
  title: string;
  description: string;
  kind: string | null;
  priority: string | null;
  owner_ref: string | null;
  status: string;
  wont_do_reason: string | null;
  due_at: DbTimestamp | null;
  auto_completion: string | null;
  ticket_url: string | null;
  completed_at: DbTimestamp | null;
  completed_by: string | null;
  created_at: DbTimestamp;
  updated_at: DbTimestamp;
  version: number;
}

/** A new action item's row: open, or done when it comes with a completion. */
function actionItemRow(
  incidentId: string,
  item: NewActionItem,
  past: {
    id: string;
    createdAt: Date;
    completedAt: Date | null;
    completedBy: string | null;
  },
) {
  return {
    id: past.id,
    incident_id: incidentId,
    type: 'action-item',
    source_key: null,
    title: item.title,
    description: item.description,
    kind: item.kind,
    priority: item.priority,
    owner_ref: item.ownerRef,
    status: past.completedAt ? 'done' : 'open',
    due_at: toDateOrNull(item.dueAt),
    ticket_url: item.ticketUrl,
    completed_at: past.completedAt,
    completed_by: past.completedBy,
    created_at: past.createdAt,
    updated_at: past.completedAt ?? past.createdAt,
    version: 1,
  };
}
const CLOSED: FollowupStatus[] = ['done', 'wont-do'];

/** Soonest due first, those without a due date last; by id among equals. */
export const MOST_URGENT_FIRST =
  'case when followups.due_at is null then 1 else 0 end, followups.due_at, followups.id';

/**
 * MOST_URGENT_FIRST as the database can read it from an index on the due date
 * and id, without sorting: PostgreSQL orders nulls last itself.
 */
function mostUrgentFirst(db: Knex) {
  return dialectOf(db) === 'pg'
    ? 'followups.due_at asc nulls last, followups.id'
    : MOST_URGENT_FIRST;
}

function toFollowup(row: FollowupRow): Followup {
  return {
    id: row.id,
    incidentId: row.incident_id,
    incidentTitle: row.incident_title,
    incidentSeverity: row.incident_severity as Severity,
    type: row.type as Followup['type'],
    role: row.role as ResponderRole | null,
    position: row.position,
    title: row.title,
    description: row.description,
    kind: row.kind as ActionItemKind | null,
    priority: row.priority as FollowupPriority | null,
    ownerRef: row.owner_ref,
    status: row.status as FollowupStatus,
    wontDoReason: row.wont_do_reason,
    dueAt: toIsoStringOrNull(row.due_at),
    autoCompletion: row.auto_completion as AutoCompletion | null,
    ticketUrl: row.ticket_url,
    completedAt: toIsoStringOrNull(row.completed_at),
    completedBy: row.completed_by,
    createdAt: toIsoString(row.created_at),
    updatedAt: toIsoString(row.updated_at),
    version: row.version,
  };
}

/** Followups with knex on SQLite, PostgreSQL or MySQL, next to the incidents. */
export class DatabaseFollowupStore implements FollowupStore {
  constructor(private readonly db: Knex) {}

  async insertRoleFollowups(
    tx: Knex.Transaction,
    incidentId: string,
    planned: PlannedRoleFollowup[],
    actorRef: string,
  ) {
    if (planned.length === 0) return;
    // Concurrent inserts of the same keys deadlock on MySQL's unique index locks.
    await lockIncident(tx, incidentId);
    const now = new Date();
    await tx('followups')
      .insert(
        planned.map((step, position) => ({
          id: randomUUID(),
          incident_id: incidentId,
          type: 'role-step',
          source_key: step.key,
          role: step.role,
          position,
          title: step.title,
          description: '',
          owner_ref: step.ownerRef,
          status: step.status,
          due_at: toDateOrNull(step.dueAt),
          auto_completion: step.autoCompletion,
          completed_at: step.status === 'done' ? now : null,
          completed_by: step.status === 'done' ? actorRef : null,
          created_at: now,
          updated_at: now,
          version: 1,
        })),
      )
      .onConflict(['incident_id', 'source_key'])
      .ignore();
  }

  async createActionItem(
    incidentId: string,
    item: NewActionItem,
    tx?: Knex.Transaction,
  ): Promise<Followup> {
    if (!tx) {
      return this.db.transaction(own =>
        this.createActionItem(incidentId, item, own),
      );
    }
    const id = randomUUID();
    const now = new Date();
    await tx('followups').insert(
      actionItemRow(incidentId, item, {
        id,
        createdAt: now,
        completedAt: null,
        completedBy: null,
      }),
    );
    if (item.addedBy) {
      await writeHistory(tx, incidentId, item.addedBy, now, [
        {
          field: 'actionItemAdded',
          from: null,
          to: { title: item.title, priority: item.priority },
        },
      ]);
    }
    return (await this.getFollowup(id, tx))!;
  }

  /**
   * Stores an action item with a past of its own (imported, or demo data): its
   * id, when it was added and, if done, when and by whom. An item with that id
   * stored before is left alone.
   */
  async importActionItem(
    incidentId: string,
    item: NewActionItem & {
      id: string;
      createdAt: string;
      completedAt: string | null;
      completedBy: string | null;
    },
  ): Promise<void> {
    await this.db('followups')
      .insert(
        actionItemRow(incidentId, item, {
          id: item.id,
          createdAt: new Date(item.createdAt),
          completedAt: toDateOrNull(item.completedAt),
          completedBy: item.completedBy,
        }),
      )
      .onConflict('id')
      .ignore();
  }

  /**
   * Marks an incident's role steps done at a time in the past, each by its owner;
   * only steps nobody has touched yet (version 1), so that doing it again changes
   * nothing.
   */
  async completeRoleStepsAt(
    incidentId: string,
    completedAt: string,
    actorRef: string,
  ): Promise<number> {
    const at = new Date(completedAt);
    return this.db('followups')
      .where({ incident_id: incidentId, type: 'role-step', version: 1 })
      .whereIn('status', OPEN_FOLLOWUP_STATUSES)
      .update({
        status: 'done',
        completed_at: at,
        completed_by: this.db.raw('coalesce(owner_ref, ?)', [actorRef]),
        updated_at: at,
        version: this.db.raw('version + 1'),
      });
  }

  async completeAutomatically(
    tx: Knex.Transaction,
    incidentId: string,
    completion: AutoCompletion,
    actorRef: string,
  ): Promise<number> {
    const now = new Date();
    const completing = await tx('followups')
      .where({ incident_id: incidentId, auto_completion: completion })
      .whereIn('status', OPEN_FOLLOWUP_STATUSES)
      .select('title', 'status');
    await writeHistory(
      tx,
      incidentId,
      actorRef,
      now,
      completing.map(step => ({
        field: 'followup',
        from: { title: step.title, status: step.status },
        to: { title: step.title, status: 'done' },
      })),
    );
    return tx('followups')
      .where({ incident_id: incidentId, auto_completion: completion })
      .whereIn('status', OPEN_FOLLOWUP_STATUSES)
      .update({
        status: 'done',
        completed_at: now,
        completed_by: actorRef,
        updated_at: now,
        version: tx.raw('version + 1'),
      });
  }

  /** Followups with their incident's title and severity. */
  private joinIncident(query: Knex.QueryBuilder) {
    return query
      .join('incidents', 'incidents.id', 'followups.incident_id')
      .select(
        'followups.*',
        'incidents.title as incident_title',
        this.db.raw(
          'coalesce(incidents.final_severity, incidents.severity) as incident_severity',
        ),
      );
  }

  async getFollowup(id: string, tx?: Knex.Transaction) {
    const row = await this.joinIncident((tx ?? this.db)('followups'))
      .where('followups.id', id)
      .first();
    return row ? toFollowup(row) : undefined;
  }

  /**
   * A page of followups chosen by `page` (a read of narrow index rows, ordered
   * and limited, with an `id` column), read whole with their incidents in the
   * same statement, each beside its row of `page`, in the order `orderBy`
   * (SQL; `page.` names the page's columns): reading whole rows before the
   * limit would read every one. `plannedOnce`: prepared on PostgreSQL
   * (`readPlannedOnce`), for a page whose plan suits any values.
   */
  async readChosenPage<PageRow extends { id: string }>(
    page: Knex.QueryBuilder,
    orderBy: string,
    options: { plannedOnce?: boolean } = {},
  ): Promise<{ followup: Followup; page: PageRow }[]> {
    const query = this.joinIncident(
      this.db
        .from(page.as('page'))
        .join('followups', 'followups.id', 'page.id'),
    )
      .select(this.db.raw('page.*'))
      .orderByRaw(orderBy);
    const rows: any[] = options.plannedOnce
      ? await readPlannedOnce(this.db, query)
      : await query;
    return rows.map(row => ({ followup: toFollowup(row), page: row }));
  }

  /**
   * One page of the followups that `lookups` find (reads of rows named
   * `followups` with their `id` and `due_at`, that never find the same
   * followup) in the most-urgent-first order, after the cursor: the page's
   * ids first, then their rows whole; `count` counts them all when the page
   * cannot. Each lookup gives its own page first, then the pages are merged:
   * the database reads each lookup's index in this order and stops at the
   * page's end, where sorting their union reads every row of every lookup.
   * `plannedOnce` as for `readChosenPage`.
   */
  async readUrgentPage(
    lookups: Knex.QueryBuilder[],
    limit: number,
    cursor: string | undefined,
    count: (count: () => Promise<number>) => Promise<number>,
    options: { plannedOnce?: boolean } = {},
  ): Promise<Page<Followup>> {
    const after = cursor ? decodeUrgencyCursor(cursor) : undefined;
    const order = mostUrgentFirst(this.db);
    const pages = lookups.map(lookup => {
      const page = lookup.clone();
      if (after) whereAfterUrgency(page, after);
      // Wrapped: a member of a union cannot have its own order and limit.
      return this.db.select('*').from(
        page
          .orderByRaw(order)
          .limit(limit + 1)
          .as('followups'),
      );
    });
    const rows = await this.readChosenPage<{ id: string }>(
      this.db
        .from(unionOf(pages).as('followups'))
        .select('followups.id')
        .orderByRaw(order)
        .limit(limit + 1),
      order,
      options,
    );
    const items = rows.slice(0, limit).map(r => r.followup);
    const nextCursor =
      rows.length > limit ? encodeUrgencyCursor(items[items.length - 1]) : null;
    return {
      items,
      totalCount: await listTotal({ rows: items, nextCursor }, cursor, () =>
        count(() =>
          countRows(
            this.db.from(
              unionOf(lookups.map(lookup => lookup.clone())).as('followups'),
            ),
          ),
        ),
      ),
      nextCursor,
    };
  }

  /**
   * The followups a person has to do that meet `conditions`, as `columns`:
   * theirs, their groups', and the unassigned ones of incidents they
   * commanded (their copies in `commander_followups`, by commander), as index
   * lookups that never find the same followup, to be read as one union: one
   * OR across them makes the database walk every followup in page order.
   */
  private assignedTo(
    userRef: string,
    groupRefs: string[],
    conditions: (query: Knex.QueryBuilder) => Knex.QueryBuilder,
    columns: string[],
  ): Knex.QueryBuilder[] {
    const owned = this.db('followups')
      .select(columns)
      .whereIn('followups.owner_ref', [userRef, ...groupRefs]);
    const unassigned = this.db('commander_followups as followups')
      .select(columns)
      .where('followups.commander_ref', userRef);
    return [conditions(owned), conditions(unassigned)];
  }

  /** The list's conditions other than its assignee, on a read of `followups`. */
  private whereListed(q: Knex.QueryBuilder, query: FollowupListQuery) {
    if (query.incidentId) {
      q.where('followups.incident_id', query.incidentId);
    }
    if (query.teamRef) {
      const team = query.teamRef;
      q.where(ofTeam =>
        ofTeam
          .where('followups.owner_ref', team)
          .orWhereIn(
            'followups.incident_id',
            this.db('incident_owners')
              .select('incident_id')
              .where('owner_ref', team),
          ),
      );
    }
    if (query.statuses?.length) {
      whereStatusIn(q, query.statuses);
    }
    if (query.overdue) {
      whereStatusIn(q, OPEN_FOLLOWUP_STATUSES).where(
        'followups.due_at',
        '<',
        new Date(),
      );
    }
    whereReadable(this.db, q, query.readable, 'followups.incident_id');
    return q;
  }

  async listFollowups(
    query: FollowupListQuery,
    counter: ListCounter = countAtOnce,
  ): Promise<Page<Followup>> {
    const { cursor: _cursor, limit: _limit, ...list } = query;
    const count = (counted: () => Promise<number>) =>
      counter(['followups', list], counted);
    const listed = (q: Knex.QueryBuilder) => this.whereListed(q, query);
    const assigned = (
      columns: string[],
      conditions: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
    ) =>
      this.assignedTo(
        query.assigneeRef!,
        query.assigneeGroupRefs ?? [],
        conditions,
        columns,
      );
    if (query.order === 'urgency') {
      // The page's ids first, from the index rows that chose them (a person's
      // followups carry their due date there): reading whole rows before the
      // limit reads every one.
      const lookups = query.assigneeRef
        ? assigned(['followups.id', 'followups.due_at'], listed)
        : [listed(this.db('followups'))];
      // A person's plan reads the same index ranges for anyone; the other
      // filters (team, incident, overdue) are planned for their values.
      return this.readUrgentPage(lookups, query.limit, query.cursor, count, {
        plannedOnce: Boolean(query.assigneeRef),
      });
    }
    const filtered = listed(this.db('followups'));
    if (query.assigneeRef) {
      // The statuses in each branch too, for the indexes of open followups.
      const statuses = query.statuses ?? [];
      filtered.whereIn(
        'followups.id',
        unionOf(
          assigned(['followups.id'], q =>
            statuses.length ? whereStatusIn(q, statuses) : q,
          ),
        ),
      );
    }
    const page = await readPage<FollowupRow>(
      this.joinIncident(filtered.clone()),
      {
        timeColumn: 'followups.created_at',
        idColumn: 'followups.id',
        order: 'asc',
        limit: query.limit,
        cursor: query.cursor,
        position: row => ({ at: toIsoString(row.created_at), id: row.id }),
      },
    );
    return {
      items: page.rows.map(toFollowup),
      totalCount: await listTotal(page, query.cursor, () =>
        count(() => countRows(filtered)),
      ),
      nextCursor: page.nextCursor,
    };
  }

  /** Open followups due before `until`, soonest first. */
  async listOpenDueBefore(until: Date): Promise<Followup[]> {
    const rows = await whereStatusIn(
      this.joinIncident(this.db('followups')),
      OPEN_FOLLOWUP_STATUSES,
    )
      .where('followups.due_at', '<', until)
      .orderBy('followups.due_at');
    return rows.map(toFollowup);
  }

  async updateFollowup(
    id: string,
    version: number,
    changes: FollowupChanges,
    actorRef: string,
  ) {
    await this.db.transaction(async tx => {
      const row = await tx<FollowupRow>('followups').where({ id }).first();
      if (!row) {
        throw new NotFoundError(`No followup with id ${id}`);
      }
      if (row.version !== version) {
        throw new ConflictError(
          `Followup ${id} was changed by someone else since version ${version} (it is at version ${row.version}); reload it and try again`,
        );
      }
      const status = changes.status ?? (row.status as FollowupStatus);
      const reason =
        changes.wontDoReason !== undefined
          ? changes.wontDoReason
          : row.wont_do_reason;
      if (status === 'wont-do' && !reason?.trim()) {
        throw new InputError(
          "wontDoReason: is required to mark a followup won't do; say why",
        );
      }
      const now = new Date();
      const closing =
        CLOSED.includes(status) &&
        !CLOSED.includes(row.status as FollowupStatus);
      const reopening =
        OPEN_FOLLOWUP_STATUSES.includes(status) &&
        CLOSED.includes(row.status as FollowupStatus);
      const update: Record<string, unknown> = {
        updated_at: now,
        version: row.version + 1,
        status,
        wont_do_reason: status === 'wont-do' ? reason : null,
      };
      if (changes.title !== undefined) update.title = changes.title;
      if (changes.description !== undefined)
        update.description = changes.description;
      if (changes.priority !== undefined) update.priority = changes.priority;
      if (changes.ownerRef !== undefined) update.owner_ref = changes.ownerRef;
      if (changes.dueAt !== undefined)
        update.due_at = toDateOrNull(changes.dueAt);
      if (changes.ticketUrl !== undefined)
        update.ticket_url = changes.ticketUrl;
      if (closing) {
        update.completed_at = now;
        update.completed_by = actorRef;
      }
      if (reopening) {
        update.completed_at = null;
        update.completed_by = null;
      }
      const updated = await tx('followups')
        .where({ id, version: row.version })
        .update(update);
      if (updated !== 1) {
        throw new ConflictError(
          `Followup ${id} was changed by someone else meanwhile; reload it and try again`,
        );
      }
      await writeHistory(
        tx,
        row.incident_id,
        actorRef,
        now,
        followupHistory({ ...row }, update),
      );
    });
    return (await this.getFollowup(id))!;
  }
}
