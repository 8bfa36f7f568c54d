import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  AgendaIncident,
  CreateProcessReviewRequest,
  createActionItemRequestSchema,
  FeedbackRequest,
  FeedbackSummary,
  IncidentFeedback,
  JoinRequest,
  parsePostmortemContent,
  ProcessReview,
  ProcessReviewSummary,
  RecordDecisionRequest,
  UpdateAgendaItemRequest,
  Page,
} from '@incident-followups/plugin-incident-followups-common';
import { Knex } from 'knex';
import { FollowupService } from '../followups/FollowupService';
import { IncidentReadFilter } from '../database/incidentReadFilter';
import { actorRef } from '../service/actorRef';
import { IncidentService } from '../service/IncidentService';
import { countAtOnce, ListCounter, listTotal } from '../database/cursor';
import {
  AgendaFilters,
  AgendaIncidentRow,
  DatabaseProcessReviewStore,
  FeedbackRow,
  ProcessReviewRecord,
} from './DatabaseProcessReviewStore';
import { ProcessReviewNotifier } from './ProcessReviewNotifier';
import { ProcessReviewResource } from './processReviewPermissions';

/** Without an earlier meeting, the first one covers this many days. */
const FIRST_PERIOD_DAYS = 30;
/** The agenda lists this many carried over items, the oldest, and counts the rest. */
export const CARRIED_OVER_LIMIT = 100;
const ALL: IncidentReadFilter = { kind: 'all' };

function groupByIncident<T extends { incidentId: string }>(
  rows: T[],
): Map<string, T[]> {
  const byIncident = new Map<string, T[]>();
  for (const row of rows) {
    const list = byIncident.get(row.incidentId);
    if (list) list.push(row);
    else byIncident.set(row.incidentId, [row]);
  }
  return byIncident;
}

/** The mean of `count` ratings summing to `total`, to one decimal; null without ratings. */
function meanRating(total: number, count: number): number | null {
  return count ? Math.round((total / count) * 10) / 10 : null;
}

function summarize(rows: FeedbackRow[]): FeedbackSummary {
  return {
    count: rows.length,
    average: meanRating(
      rows.reduce((sum, r) => sum + r.rating, 0),
      rows.length,
    ),
    comments: rows
      .filter(r => r.comment)
      .map(({ userRef, rating, comment }) => ({ userRef, rating, comment })),
  };
}

/** Process reviews: the meetings, their agenda, who takes part, and what they decide. */
export class ProcessReviewService {
  constructor(
    private readonly options: {
      db: Knex;
      store: DatabaseProcessReviewStore;
      incidents: IncidentService;
      followups: FollowupService;
      notifier: ProcessReviewNotifier;
    },
  ) {}

  async create(
    request: CreateProcessReviewRequest,
    credentials: BackstageCredentials,
  ): Promise<ProcessReview> {
    const scheduledFor = new Date(request.scheduledFor);
    const periodUntil = request.periodUntil ?? scheduledFor.toISOString();
    const periodSince =
      request.periodSince ??
      (await this.options.store.previousPeriodEnd(scheduledFor)) ??
      new Date(
        Date.parse(periodUntil) - FIRST_PERIOD_DAYS * 86_400_000,
      ).toISOString();
    if (Date.parse(periodUntil) < Date.parse(periodSince)) {
      throw new InputError(
        `periodUntil: the period must not end before it starts (${periodSince})`,
      );
    }
    const review = await this.options.store.create({
      title: request.title,
      scheduledFor: scheduledFor.toISOString(),
      durationMinutes: request.durationMinutes,
      periodSince: new Date(periodSince).toISOString(),
      periodUntil: new Date(periodUntil).toISOString(),
      createdBy: actorRef(credentials),
    });
    return this.get(review.id);
  }

  /** Meetings, those to come the soonest first, then those held the latest first, a page at a time, with how many take part: a fixed number of queries, however many meetings. */
  async list(page: {
    limit: number;
    cursor?: string;
  }): Promise<Page<ProcessReviewSummary>> {
    const { store } = this.options;
    const reviews = await store.list({ ...page, now: new Date() });
    const ids = reviews.items.map(r => r.id);
    const [pending, attendees] = await Promise.all([
      store.pendingRequestCounts(ids),
      store.attendeeCounts(reviews.items),
    ]);
    return {
      ...reviews,
      items: reviews.items.map(review => ({
        ...review,
        attendeeCount: attendees.get(review.id) ?? 0,
        pendingRequestCount: pending.get(review.id) ?? 0,
      })),
    };
  }

  /**
   * The meeting as the caller sees it: `readable` leaves out the incidents the
   * policy hides from them (from the agenda's counts, the carried-over items and
   * the decisions); the attendees and the period's feedback stay whole.
   * `counter` counts the agenda as `agenda` does, so both share a kept count.
   */
  async get(
    id: string,
    readable: IncidentReadFilter = ALL,
    counter: ListCounter = countAtOnce,
  ): Promise<ProcessReview> {
    const { store } = this.options;
    const review = await store.require(id);
    const [
      carriedOver,
      commanders,
      attendees,
      joinRequests,
      decisions,
      feedback,
      agendaCount,
      discussedCount,
    ] = await Promise.all([
      store.openProcessItemsBefore(
        review.periodSince,
        CARRIED_OVER_LIMIT,
        readable,
      ),
      store.periodCommanders(review),
      store.attendees(review.id),
      store.joinRequests(review.id),
      store.decisions(review.id),
      store.periodFeedback(review),
      this.countAgenda(review, readable, {}, counter),
      this.countAgenda(review, readable, { discussed: true }, counter),
    ]);
    const visible = await store.readableIncidents(
      decisions.flatMap(d => (d.incidentId ? [d.incidentId] : [])),
      readable,
    );
    const attendeeRefs = [...new Set([...commanders, ...attendees])].sort();
    return {
      ...review,
      attendeeRefs,
      attendeeCount: attendeeRefs.length,
      pendingRequestCount: joinRequests.filter(r => r.status === 'pending')
        .length,
      agendaCount,
      discussedCount,
      carriedOver: carriedOver.items,
      carriedOverCount: carriedOver.count,
      periodFeedback: {
        count: feedback.count,
        average: meanRating(feedback.total, feedback.count),
      },
      joinRequests,
      decisions: decisions.filter(
        d => !d.incidentId || visible.has(d.incidentId),
      ),
    };
  }

  private countAgenda(
    review: ProcessReviewRecord,
    readable: IncidentReadFilter,
    filters: AgendaFilters,
    counter: ListCounter,
  ): Promise<number> {
    return counter(
      ['process review agenda', review.id, readable, filters],
      () => this.options.store.agendaCount(review, readable, filters),
    );
  }

  /** A page of the meeting's agenda, the incidents resolved the earliest first, of those the filters pick. */
  async agenda(
    id: string,
    readable: IncidentReadFilter,
    page: { limit: number; cursor?: string },
    filters: AgendaFilters = {},
    counter: ListCounter = countAtOnce,
  ): Promise<Page<AgendaIncident>> {
    const review = await this.options.store.require(id);
    const read = await this.options.store.agendaPage(
      review,
      readable,
      page,
      filters,
    );
    return {
      items: await this.presentAgenda(review, read.rows),
      nextCursor: read.nextCursor,
      totalCount: await listTotal(read, page.cursor, () =>
        this.countAgenda(review, readable, filters, counter),
      ),
    };
  }

  /** One incident of the meeting's agenda; not found when it is not on it or the caller may not read it. */
  async agendaItem(
    id: string,
    incidentId: string,
    readable: IncidentReadFilter = ALL,
  ): Promise<AgendaIncident> {
    const review = await this.options.store.require(id);
    const row = await this.requireOnAgenda(review, incidentId, readable);
    const [item] = await this.presentAgenda(review, [row]);
    return item;
  }

  /** The meeting with its whole agenda, for the minutes. */
  async withWholeAgenda(
    id: string,
    readable: IncidentReadFilter = ALL,
  ): Promise<{ review: ProcessReview; agenda: AgendaIncident[] }> {
    const review = await this.get(id, readable);
    const rows = await this.options.store.agendaIncidents(review, readable);
    return { review, agenda: await this.presentAgenda(review, rows) };
  }

  /** These incidents as agenda items, with their commanders, process items, feedback and the meeting's notes: a fixed number of queries. */
  private async presentAgenda(
    review: ProcessReviewRecord,
    rows: AgendaIncidentRow[],
  ): Promise<AgendaIncident[]> {
    const { store } = this.options;
    const ids = rows.map(r => r.incidentId);
    const [commanders, processItems, feedback, items] = await Promise.all([
      store.commanders(ids),
      store.processItemsOf(ids),
      store.feedbackOf(ids),
      store.items(review.id, ids),
    ]);
    const itemOf = new Map(items.map(i => [i.itemKey, i]));
    const processItemsOf = groupByIncident(processItems);
    const feedbackOf = groupByIncident(feedback);
    return rows.map(row => {
      const item = itemOf.get(row.incidentId);
      return {
        incidentId: row.incidentId,
        title: row.title,
        severity: row.severity,
        startedAt: row.startedAt,
        resolvedAt: row.resolvedAt,
        durationMinutes: Math.round(
          (Date.parse(row.resolvedAt) - Date.parse(row.startedAt)) / 60_000,
        ),
        commanderRefs: commanders.get(row.incidentId) ?? [],
        postmortem:
          row.postmortemId && row.postmortemStatus
            ? { id: row.postmortemId, status: row.postmortemStatus }
            : null,
        whatDidntGoWell: row.postmortemContent
          ? parsePostmortemContent(row.postmortemContent).whatDidntGoWell
          : '',
        processItems: processItemsOf.get(row.incidentId) ?? [],
        feedback: summarize(feedbackOf.get(row.incidentId) ?? []),
        notes: item?.notes ?? '',
        discussed: item?.discussed ?? false,
        itemVersion: item?.version ?? 0,
      };
    });
  }

  /** The incident's row on the meeting's agenda; not found when it is not on it or the caller may not read it. */
  private async requireOnAgenda(
    review: ProcessReviewRecord,
    incidentId: string,
    readable: IncidentReadFilter,
  ): Promise<AgendaIncidentRow> {
    const row = await this.options.store.agendaIncident(
      review,
      readable,
      incidentId,
    );
    if (!row) {
      throw new NotFoundError(
        `Incident ${incidentId} is not on the agenda of process review ${review.id}`,
      );
    }
    return row;
  }

  private async attendeesOf(
    review: ProcessReviewRecord,
    commanderRefs?: string[],
  ): Promise<string[]> {
    return [
      ...new Set([
        ...(commanderRefs ??
          (await this.options.store.periodCommanders(review))),
        ...(await this.options.store.attendees(review.id)),
      ]),
    ].sort();
  }

  /** Changes the meeting's notes on an agenda item, or its discussed mark; answers the item. */
  async updateItem(
    id: string,
    incidentId: string,
    request: UpdateAgendaItemRequest,
    credentials: BackstageCredentials,
    readable: IncidentReadFilter = ALL,
  ): Promise<AgendaIncident> {
    const review = await this.options.store.require(id);
    const row = await this.requireOnAgenda(review, incidentId, readable);
    await this.options.store.updateItem(
      id,
      incidentId,
      request.version,
      { notes: request.notes, discussed: request.discussed },
      actorRef(credentials),
    );
    const [item] = await this.presentAgenda(review, [row]);
    return item;
  }

  /** Records a decision; with `followup`, as a process action item of the incident, in one transaction. */
  async recordDecision(
    id: string,
    request: RecordDecisionRequest,
    credentials: BackstageCredentials,
    readable: IncidentReadFilter = ALL,
  ): Promise<ProcessReview> {
    const review = await this.options.store.require(id);
    if (
      request.incidentId &&
      !(await this.options.store.agendaIncident(
        review,
        readable,
        request.incidentId,
      ))
    ) {
      throw new InputError(
        `incidentId: ${request.incidentId} is not on the agenda of this process review`,
      );
    }
    const planned =
      request.followup && request.incidentId
        ? await this.options.followups.planActionItem(
            request.incidentId,
            createActionItemRequestSchema.parse({
              title: request.text.slice(0, 200),
              description: `Decided in the process review "${
                review.title
              }" of ${review.scheduledFor.slice(0, 10)}.`,
              kind: 'process',
              priority: 'P2',
              ownerRef: request.followup.ownerRef,
              dueAt: request.followup.dueAt ?? undefined,
            }),
            credentials,
          )
        : null;
    await this.options.db.transaction(async tx => {
      const followup =
        planned && request.incidentId
          ? await this.options.followups.storePlannedActionItem(
              tx,
              request.incidentId,
              planned,
            )
          : null;
      await this.options.store.addDecision(tx, {
        reviewId: id,
        incidentId: request.incidentId,
        text: request.text,
        followupId: followup?.id ?? null,
        createdBy: actorRef(credentials),
      });
    });
    return this.get(id, readable);
  }

  /** Asks to join a meeting that is not over; asking twice returns the first request. */
  async requestToJoin(
    id: string,
    reason: string,
    credentials: BackstageCredentials,
  ): Promise<JoinRequest> {
    const review = await this.options.store.require(id);
    const end =
      Date.parse(review.scheduledFor) + review.durationMinutes * 60_000;
    if (Date.now() > end) {
      throw new ConflictError(
        `"${review.title}" is over (it ended ${new Date(
          end,
        ).toISOString()}); ask to join the next process review`,
      );
    }
    const userRef = actorRef(credentials);
    const { request, created } = await this.options.store.requestToJoin(
      id,
      userRef,
      reason,
    );
    if (created) {
      const deciders = [
        ...new Set([
          ...(await this.options.store.periodCommanders(review)),
          review.createdBy,
        ]),
      ].filter(ref => ref !== userRef);
      await this.options.notifier.joinRequested(review, request, deciders);
    }
    return request;
  }

  /**
   * Approves or declines a join request (who may is the permission policy's
   * call, see processReviewDecideJoinPermission); deciding twice changes nothing.
   */
  async decideJoinRequest(
    id: string,
    requestId: string,
    decision: 'approve' | 'decline',
    credentials: BackstageCredentials,
  ): Promise<JoinRequest> {
    const review = await this.options.store.require(id);
    const { request, changed } = await this.options.store.decideJoinRequest(
      id,
      requestId,
      decision === 'approve' ? 'approved' : 'declined',
      actorRef(credentials),
    );
    if (changed) await this.options.notifier.joinDecided(review, request);
    return request;
  }

  /** What the permission rules see of a meeting; undefined for an unknown id. */
  async resource(id: string): Promise<ProcessReviewResource | undefined> {
    const review = await this.options.store.get(id);
    if (!review) return undefined;
    const commanderRefs = await this.options.store.periodCommanders(review);
    return {
      id: review.id,
      createdBy: review.createdBy,
      commanderRefs,
      attendeeRefs: await this.attendeesOf(review, commanderRefs),
    };
  }

  /** A responder's rating of the response to a resolved incident. */
  async saveFeedback(
    incidentId: string,
    request: FeedbackRequest,
    credentials: BackstageCredentials,
  ): Promise<IncidentFeedback> {
    const incident = await this.options.incidents.getIncident(incidentId);
    if (incident.status !== 'resolved') {
      throw new ConflictError(
        'Feedback on the response opens once the incident is resolved',
      );
    }
    await this.options.store.saveFeedback({
      incidentId,
      userRef: actorRef(credentials),
      rating: request.rating,
      comment: request.comment,
    });
    return this.feedback(incidentId, credentials);
  }

  async feedback(
    incidentId: string,
    credentials: BackstageCredentials,
  ): Promise<IncidentFeedback> {
    await this.options.incidents.getIncident(incidentId);
    const rows = await this.options.store.feedbackOf([incidentId]);
    const me = actorRef(credentials);
    const mine = rows.find(r => r.userRef === me);
    return {
      ...summarize(rows),
      mine: mine ? { rating: mine.rating, comment: mine.comment } : null,
    };
  }
}
