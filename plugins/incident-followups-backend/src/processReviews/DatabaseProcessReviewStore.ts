import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  JoinRequest,
  JoinRequestStatus,
  PostmortemStatus,
  ProcessDecision,
  ProcessItemSummary,
  Severity,
  OPEN_FOLLOWUP_STATUSES,
  Page,
} from '@incident-followups/plugin-incident-followups-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { countRows, listTotal, readPage } from '../database/cursor';
import { readCommanders } from '../database/readCommanders';
import { readMeetingPage } from './readMeetingPage';
import {
  IncidentReadFilter,
  whereReadable,
} from '../database/incidentReadFilter';
import { filterOnly } from '../database/sqlDialect';
import { whereStatusIn } from '../database/whereStatusIn';
import {
  DbTimestamp,
  toIsoString,
  toIsoStringOrNull,
} from '../database/tables';

export interface ProcessReviewRecord {
  id: string;
  title: string;
  scheduledFor: string;
  durationMinutes: number;
  periodSince: string;
  periodUntil: string;
  createdBy: string;
  version: number;
}

export interface AgendaIncidentRow {
  incidentId: string;
  title: string;
  severity: Severity;
  startedAt: string;
  resolvedAt: string;
  postmortemId: string | null;
  postmortemStatus: PostmortemStatus | null;
  postmortemContent: string | null;
}

/** The period a meeting covers: incidents resolved in [since, until). */
export type ReviewPeriod = Pick<
  ProcessReviewRecord,
  'periodSince' | 'periodUntil'
>;

/** What an agenda page shows of the agenda: the incidents of these severities, those discussed or not. */
export interface AgendaFilters {
  severities?: Severity[];
  discussed?: boolean;
}

export interface AgendaItemRow {
  itemKey: string;
  notes: string;
  discussed: boolean;
  version: number;
}

export interface FeedbackRow {
  incidentId: string;
  userRef: string;
  rating: number;
  comment: string;
}

const SEVERITY = 'coalesce(incidents.final_severity, incidents.severity)';
const ALL: IncidentReadFilter = { kind: 'all' };

function toAgendaIncident(r: any): AgendaIncidentRow {
  return {
    incidentId: r.id,
    title: r.title,
    severity: r.severity,
    startedAt: toIsoString(r.started_at),
    resolvedAt: toIsoString(r.resolved_at),
    postmortemId: r.postmortem_id ?? null,
    postmortemStatus: r.postmortem_status ?? null,
    postmortemContent: r.postmortem_content ?? null,
  };
}

function toReview(row: any): ProcessReviewRecord {
  return {
    id: row.id,
    title: row.title,
    scheduledFor: toIsoString(row.scheduled_for),
    durationMinutes: row.duration_minutes,
    periodSince: toIsoString(row.period_since),
    periodUntil: toIsoString(row.period_until),
    createdBy: row.created_by,
    version: row.version,
  };
}

function toJoinRequest(row: any): JoinRequest {
  return {
    id: row.id,
    userRef: row.user_ref,
    reason: row.reason,
    status: row.status as JoinRequestStatus,
    decidedBy: row.decided_by,
    decidedAt: toIsoStringOrNull(row.decided_at),
    createdAt: toIsoString(row.created_at),
  };
}

function toProcessItem(row: any): ProcessItemSummary {
  return {
    followupId: row.id,
    incidentId: row.incident_id,
    incidentTitle: row.incident_title,
    title: row.title,
    ownerRef: row.owner_ref,
    status: row.status,
    dueAt: toIsoStringOrNull(row.due_at as DbTimestamp | null),
  };
}

/** Process reviews, their agenda items, decisions and join requests, and incident feedback. */
export class DatabaseProcessReviewStore {
  constructor(private readonly db: Knex) {}

  /**
   * Stores a meeting, its organiser (a person, not a service) attending;
   * `id` is given for demo data, which must not be stored twice.
   */
  async create(
    review: Omit<ProcessReviewRecord, 'id' | 'version'> & { id?: string },
  ): Promise<ProcessReviewRecord> {
    const id = review.id ?? randomUUID();
    const now = new Date();
    await this.db.transaction(async tx => {
      await tx('process_reviews').insert({
        id,
        title: review.title,
        scheduled_for: new Date(review.scheduledFor),
        duration_minutes: review.durationMinutes,
        period_since: new Date(review.periodSince),
        period_until: new Date(review.periodUntil),
        created_at: now,
        created_by: review.createdBy,
        updated_at: now,
        version: 1,
      });
      if (review.createdBy.startsWith('user:')) {
        await tx('process_review_attendees').insert({
          review_id: id,
          user_ref: review.createdBy,
          added_by: review.createdBy,
          added_at: now,
        });
      }
    });
    return (await this.get(id))!;
  }

  async get(id: string): Promise<ProcessReviewRecord | undefined> {
    const row = await this.db('process_reviews').where({ id }).first();
    return row ? toReview(row) : undefined;
  }

  async require(id: string): Promise<ProcessReviewRecord> {
    const review = await this.get(id);
    if (!review) throw new NotFoundError(`No process review with id ${id}`);
    return review;
  }

  /**
   * A page of meetings, those not over first (the soonest first), then those
   * held (the latest first), and how many there are.
   */
  async list(page: {
    limit: number;
    cursor?: string;
    now: Date;
  }): Promise<Page<ProcessReviewRecord>> {
    const meetings = await readMeetingPage(this.db, page);
    return {
      items: meetings.rows.map(toReview),
      nextCursor: meetings.nextCursor,
      totalCount: await listTotal(meetings, page.cursor, () =>
        countRows(this.db('process_reviews')),
      ),
    };
  }

  /** Where the last meeting before this time stopped: the next one starts there. */
  async previousPeriodEnd(before: Date): Promise<string | null> {
    const row = await this.db('process_reviews')
      .where('scheduled_for', '<', before)
      .max({ until: 'period_until' })
      .first();
    return row?.until ? toIsoString(row.until) : null;
  }

  /** The incidents resolved in the period, not grouped under another, that the caller may read: the agenda's. */
  private agendaOf(period: ReviewPeriod, readable: IncidentReadFilter) {
    return whereReadable(
      this.db,
      this.db('incidents')
        .whereNull('incidents.primary_incident_id')
        .where('incidents.resolved_at', '>=', new Date(period.periodSince))
        .where('incidents.resolved_at', '<', new Date(period.periodUntil)),
      readable,
      'incidents.id',
    );
  }

  private withAgendaColumns(query: Knex.QueryBuilder) {
    // Each post-mortem column by its incident, through the unique index: a
    // join makes PostgreSQL read every post-mortem to hash them.
    const postmortem = (column: string) =>
      this.db('postmortems')
        .select(column)
        .whereRaw('postmortems.incident_id = incidents.id');
    return query.select(
      'incidents.id',
      'incidents.title',
      'incidents.started_at',
      'incidents.resolved_at',
      this.db.raw(`${SEVERITY} as severity`),
      postmortem('id').as('postmortem_id'),
      postmortem('status').as('postmortem_status'),
      postmortem('content').as('postmortem_content'),
    );
  }

  /** The whole agenda, oldest first. */
  async agendaIncidents(
    period: ReviewPeriod,
    readable: IncidentReadFilter,
  ): Promise<AgendaIncidentRow[]> {
    const rows = await this.withAgendaColumns(
      this.agendaOf(period, readable),
    ).orderBy([
      { column: 'incidents.resolved_at', order: 'asc' },
      { column: 'incidents.id', order: 'asc' },
    ]);
    return rows.map(toAgendaIncident);
  }

  /** The agenda's incidents that the filters pick. */
  private filteredAgenda(
    review: ReviewPeriod & { id: string },
    readable: IncidentReadFilter,
    filters: AgendaFilters,
  ) {
    const query = this.agendaOf(review, readable);
    if (filters.severities?.length) {
      query.whereIn(this.db.raw(SEVERITY) as any, filters.severities);
    }
    if (filters.discussed !== undefined) {
      const discussed = this.db('process_review_items')
        .where({ review_id: review.id, discussed: true })
        .select('item_key');
      if (filters.discussed) query.whereIn('incidents.id', discussed);
      else query.whereNotIn('incidents.id', discussed);
    }
    return query;
  }

  /** A page of the agenda, oldest first, continuing after the cursor. */
  async agendaPage(
    review: ReviewPeriod & { id: string },
    readable: IncidentReadFilter,
    page: { limit: number; cursor?: string },
    filters: AgendaFilters = {},
  ): Promise<{ rows: AgendaIncidentRow[]; nextCursor: string | null }> {
    const read = await readPage<any>(
      this.withAgendaColumns(this.filteredAgenda(review, readable, filters)),
      {
        timeColumn: 'incidents.resolved_at',
        idColumn: 'incidents.id',
        order: 'asc',
        ...page,
        position: row => ({ at: toIsoString(row.resolved_at), id: row.id }),
      },
    );
    return {
      rows: read.rows.map(toAgendaIncident),
      nextCursor: read.nextCursor,
    };
  }

  /** One incident of the agenda; undefined when it is not on it or the caller may not read it. */
  async agendaIncident(
    period: ReviewPeriod,
    readable: IncidentReadFilter,
    incidentId: string,
  ): Promise<AgendaIncidentRow | undefined> {
    const row = await this.withAgendaColumns(
      this.agendaOf(period, readable).where('incidents.id', incidentId),
    ).first();
    return row ? toAgendaIncident(row) : undefined;
  }

  /** How many incidents the agenda holds, of those the filters pick. */
  agendaCount(
    review: ReviewPeriod & { id: string },
    readable: IncidentReadFilter,
    filters: AgendaFilters = {},
  ): Promise<number> {
    return countRows(this.filteredAgenda(review, readable, filters));
  }

  /** The incident commanders of the period's incidents, each once, sorted. */
  async periodCommanders(period: ReviewPeriod): Promise<string[]> {
    const rows = await this.db('incident_responders')
      .where('role', 'incident-commander')
      .whereIn('incident_id', this.agendaOf(period, ALL).select('incidents.id'))
      .distinct('user_ref')
      .orderBy('user_ref');
    return rows.map((r: { user_ref: string }) => r.user_ref);
  }

  /** The responders' feedback over every incident of the period: how many ratings, and their sum. */
  async periodFeedback(
    period: ReviewPeriod,
  ): Promise<{ count: number; total: number }> {
    const [row] = await this.db('incident_feedback')
      .whereIn('incident_id', this.agendaOf(period, ALL).select('incidents.id'))
      .select(
        this.db.raw('count(*) as count'),
        this.db.raw('coalesce(sum(rating), 0) as total'),
      );
    return { count: Number(row.count), total: Number(row.total) };
  }

  /** Those of these incidents the caller may read. */
  async readableIncidents(
    incidentIds: string[],
    readable: IncidentReadFilter,
  ): Promise<Set<string>> {
    if (readable.kind === 'all') return new Set(incidentIds);
    if (readable.kind === 'none' || incidentIds.length === 0) return new Set();
    const query = this.db('incidents')
      .whereIn('incidents.id', incidentIds)
      .select('incidents.id');
    whereReadable(this.db, query, readable, 'incidents.id');
    return new Set((await query).map((r: { id: string }) => r.id));
  }

  /** The incident commanders of each incident. */
  commanders(incidentIds: string[]): Promise<Map<string, string[]>> {
    return readCommanders(this.db, incidentIds);
  }

  /** Process action items, with their incident. */
  private processItems() {
    return this.processItemRows().join(
      'incidents',
      'incidents.id',
      'followups.incident_id',
    );
  }

  /**
   * Process action items, the followups' rows alone. The condition is that of
   * the partial indexes of process items word for word: SQLite uses a partial
   * index only then, never for values bound to parameters.
   */
  private processItemRows() {
    return this.db('followups').whereRaw(
      "followups.type = 'action-item' and followups.kind = 'process'",
    );
  }

  private async oldestFirst(
    items: Knex.QueryBuilder,
  ): Promise<ProcessItemSummary[]> {
    const rows = await items
      .orderBy([
        { column: 'followups.created_at', order: 'asc' },
        { column: 'followups.id', order: 'asc' },
      ])
      .select('followups.*', 'incidents.title as incident_title');
    return rows.map(toProcessItem);
  }

  /** The process action items of these incidents, in every state. */
  async processItemsOf(incidentIds: string[]): Promise<ProcessItemSummary[]> {
    if (incidentIds.length === 0) return [];
    return this.oldestFirst(
      this.processItems().whereIn('followups.incident_id', incidentIds),
    );
  }

  /**
   * Process action items still open of incidents resolved before the period:
   * decided at earlier meetings (or in earlier post-mortems), carried over until
   * done. The oldest `limit` of them, and how many there are.
   */
  async openProcessItemsBefore(
    since: string,
    limit: number,
    readable: IncidentReadFilter,
  ): Promise<{ items: ProcessItemSummary[]; count: number }> {
    const open = () =>
      whereReadable(
        this.db,
        whereStatusIn(this.processItems(), OPEN_FOLLOWUP_STATUSES).where(
          'incidents.resolved_at',
          '<',
          new Date(since),
        ),
        readable,
        'incidents.id',
      );
    const items = await this.oldestFirst(open().limit(limit));
    if (items.length < limit) return { items, count: items.length };
    // Counted as every open process item less those of incidents resolved
    // since the period began or not resolved yet: two small index reads, where
    // comparing each open item's incident with the date reads every incident.
    const openItems = () =>
      whereReadable(
        this.db,
        whereStatusIn(this.processItemRows(), OPEN_FOLLOWUP_STATUSES),
        readable,
        'followups.incident_id',
      ).count('*');
    const notBefore = openItems()
      .join('incidents', 'incidents.id', 'followups.incident_id')
      .where(recent =>
        recent
          .where('incidents.resolved_at', '>=', new Date(since))
          .orWhereNull('incidents.resolved_at'),
      );
    const [counted] = await this.db.select(
      this.db.raw('(?) - (?) as count', [openItems(), notBefore]),
    );
    return { items, count: Number(counted.count) };
  }

  async feedbackOf(incidentIds: string[]): Promise<FeedbackRow[]> {
    if (incidentIds.length === 0) return [];
    const rows = await this.db('incident_feedback')
      .whereIn('incident_id', incidentIds)
      .orderBy([
        { column: 'incident_id', order: 'asc' },
        { column: 'user_ref', order: 'asc' },
      ]);
    return rows.map((r: any) => ({
      incidentId: r.incident_id,
      userRef: r.user_ref,
      rating: Number(r.rating),
      comment: r.comment,
    }));
  }

  /** One responder's feedback; a second one replaces the first. */
  async saveFeedback(row: FeedbackRow): Promise<void> {
    await this.db('incident_feedback')
      .insert({
        incident_id: row.incidentId,
        user_ref: row.userRef,
        rating: row.rating,
        comment: row.comment,
        updated_at: new Date(),
      })
      .onConflict(['incident_id', 'user_ref'])
      .merge(['rating', 'comment', 'updated_at']);
  }

  /** The meeting's notes on these agenda items. */
  async items(reviewId: string, itemKeys: string[]): Promise<AgendaItemRow[]> {
    if (itemKeys.length === 0) return [];
    const rows = await this.db('process_review_items')
      .where({ review_id: reviewId })
      .whereIn('item_key', itemKeys);
    return rows.map((r: any) => ({
      itemKey: r.item_key,
      notes: r.notes,
      discussed: Boolean(r.discussed),
      version: r.version,
    }));
  }

  /**
   * Changes an agenda item's notes or discussed mark, based on the version the
   * caller saw (0 for an item nobody wrote on yet); a stale one is a conflict.
   */
  async updateItem(
    reviewId: string,
    itemKey: string,
    version: number,
    changes: { notes?: string; discussed?: boolean },
    actorRef: string,
  ): Promise<AgendaItemRow> {
    const now = new Date();
    const stale = () =>
      new ConflictError(
        `The notes on this agenda item were changed by someone else since version ${version}; reload and try again`,
      );
    if (version === 0) {
      try {
        await this.db('process_review_items').insert({
          review_id: reviewId,
          item_key: itemKey,
          notes: changes.notes ?? '',
          discussed: changes.discussed ?? false,
          updated_by: actorRef,
          updated_at: now,
          version: 1,
        });
      } catch (error) {
        const exists = await this.db('process_review_items')
          .where({ review_id: reviewId, item_key: itemKey })
          .first();
        if (exists) throw stale();
        throw error;
      }
    } else {
      const updated = await this.db('process_review_items')
        .where({ review_id: reviewId, item_key: itemKey, version })
        .update({
          ...(changes.notes !== undefined ? { notes: changes.notes } : {}),
          ...(changes.discussed !== undefined
            ? { discussed: changes.discussed }
            : {}),
          updated_by: actorRef,
          updated_at: now,
          version: version + 1,
        });
      if (updated !== 1) throw stale();
    }
    const [item] = await this.items(reviewId, [itemKey]);
    return item;
  }

  async decisions(reviewId: string): Promise<ProcessDecision[]> {
    const rows = await this.db('process_review_decisions')
      .where({ review_id: reviewId })
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map((r: any) => ({
      id: r.id,
      incidentId: r.item_key,
      text: r.text,
      followupId: r.followup_id,
      createdBy: r.created_by,
      createdAt: toIsoString(r.created_at),
    }));
  }

  async addDecision(
    tx: Knex.Transaction,
    decision: Omit<ProcessDecision, 'id' | 'createdAt'> & { reviewId: string },
  ): Promise<string> {
    const id = randomUUID();
    await tx('process_review_decisions').insert({
      id,
      review_id: decision.reviewId,
      item_key: decision.incidentId,
      text: decision.text,
      followup_id: decision.followupId,
      created_by: decision.createdBy,
      created_at: new Date(),
    });
    return id;
  }

  /**
   * How many people take part in each meeting, by meeting id, in one query:
   * the distinct incident commanders of its agenda (the incidents resolved in
   * its period, not grouped under another) and its approved attendees.
   */
  async attendeeCounts(
    reviews: ProcessReviewRecord[],
  ): Promise<Map<string, number>> {
    if (reviews.length === 0) return new Map();
    const ids = reviews.map(r => r.id);
    // The span of all the periods, as constants too: without it MySQL compares
    // every incident, not only those of the span, with every meeting.
    const since = new Date(
      Math.min(...reviews.map(r => Date.parse(r.periodSince))),
    );
    const until = new Date(
      Math.max(...reviews.map(r => Date.parse(r.periodUntil))),
    );
    const resolvedAt = filterOnly(this.db, 'incidents.resolved_at');
    const commanders = this.db('process_reviews')
      .join('incidents', join =>
        join
          .on('incidents.resolved_at', '>=', 'process_reviews.period_since')
          .andOn('incidents.resolved_at', '<', 'process_reviews.period_until'),
      )
      .join(
        'incident_responders',
        'incident_responders.incident_id',
        'incidents.id',
      )
      .whereIn('process_reviews.id', ids)
      .where(resolvedAt, '>=', since)
      .where(resolvedAt, '<', until)
      .whereRaw('? is null', [
        filterOnly(this.db, 'incidents.primary_incident_id'),
      ])
      .where('incident_responders.role', 'incident-commander')
      .select(
        'process_reviews.id as review_id',
        'incident_responders.user_ref',
      );
    const attendees = this.db('process_review_attendees')
      .whereIn('review_id', ids)
      .select('review_id', 'user_ref');
    // A person counts once per meeting, whether commander, attendee or both:
    // one distinct count over both lists, which sorts once (distinct lists
    // joined by UNION sorted each, and their union again: twice the time).
    const rows: { id: string; count: number | string }[] = await this.db
      .from(commanders.unionAll(attendees).as('people'))
      .groupBy('people.review_id')
      .select('people.review_id as id')
      .countDistinct({ count: 'people.user_ref' });
    return new Map(rows.map(r => [r.id, Number(r.count)]));
  }

  async attendees(reviewId: string): Promise<string[]> {
    const rows = await this.db('process_review_attendees')
      .where({ review_id: reviewId })
      .orderBy('user_ref');
    return rows.map((r: any) => r.user_ref);
  }

  async joinRequests(reviewId: string): Promise<JoinRequest[]> {
    const rows = await this.db('process_review_join_requests')
      .where({ review_id: reviewId })
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(toJoinRequest);
  }

  async pendingRequestCounts(
    reviewIds: string[],
  ): Promise<Map<string, number>> {
    const rows = reviewIds.length
      ? await this.db('process_review_join_requests')
          .whereIn('review_id', reviewIds)
          .where('status', 'pending')
          .groupBy('review_id')
          .select('review_id', this.db.raw('count(*) as count'))
      : [];
    return new Map(rows.map((r: any) => [r.review_id, Number(r.count)]));
  }

  /** Asks to join; asking again returns the first request. */
  async requestToJoin(
    reviewId: string,
    userRef: string,
    reason: string,
  ): Promise<{ request: JoinRequest; created: boolean }> {
    const find = async () =>
      this.db('process_review_join_requests')
        .where({ review_id: reviewId, user_ref: userRef })
        .first();
    const existing = await find();
    if (existing) return { request: toJoinRequest(existing), created: false };
    try {
      await this.db('process_review_join_requests').insert({
        id: randomUUID(),
        review_id: reviewId,
        user_ref: userRef,
        reason,
        status: 'pending',
        created_at: new Date(),
      });
      return { request: toJoinRequest(await find()), created: true };
    } catch (error) {
      const raced = await find();
      if (raced) return { request: toJoinRequest(raced), created: false };
      throw error;
    }
  }

  /**
   * Decides a pending request, and invites the person when approved, in one
   * transaction; a request decided already stays as it is (`changed` false).
   */
  async decideJoinRequest(
    reviewId: string,
    requestId: string,
    status: 'approved' | 'declined',
    actorRef: string,
  ): Promise<{ request: JoinRequest; changed: boolean }> {
    return this.db.transaction(async tx => {
      const now = new Date();
      const changed = await tx('process_review_join_requests')
        .where({ id: requestId, review_id: reviewId, status: 'pending' })
        .update({ status, decided_by: actorRef, decided_at: now });
      const row = await tx('process_review_join_requests')
        .where({ id: requestId, review_id: reviewId })
        .first();
      if (!row) {
        throw new NotFoundError(
          `No join request ${requestId} for process review ${reviewId}`,
        );
      }
      if (changed === 1 && status === 'approved') {
        await tx('process_review_attendees')
          .insert({
            review_id: reviewId,
            user_ref: row.user_ref,
            added_by: actorRef,
            added_at: now,
          })
          .onConflict(['review_id', 'user_ref'])
          .ignore();
      }
      return { request: toJoinRequest(row), changed: changed === 1 };
    });
  }
}
