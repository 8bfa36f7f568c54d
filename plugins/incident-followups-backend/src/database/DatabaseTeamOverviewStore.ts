import { IncidentReadFilter, whereReadable } from './incidentReadFilter';
import { whereAnyOf } from './plannedOnce';
import { OPEN_FOLLOWUPS_SQL, whereStatusIn } from './whereStatusIn';
import {
  Followup,
  FollowupStatus,
  isMajorSeverity,
  MissingPostmortem,
  PostmortemStatus,
  SEVERITIES,
  Severity,
  OPEN_FOLLOWUP_STATUSES,
  Page,
} from '@incident-followups/plugin-incident-followups-common';
import { Knex } from 'knex';
import {
  DatabaseFollowupStore,
  MOST_URGENT_FIRST,
} from './DatabaseFollowupStore';
import {
  secondsBetweenSql,
  weekStartSql,
  withMaterialized,
} from './sqlDialect';
import { DbTimestamp, toIsoString, toIsoStringOrNull } from './tables';
import { encodeUrgencyCursor } from './urgencyCursor';
import { unionOf } from './unionOf';
import {
  countAtOnce,
  decodeCursor,
  encodeCursor,
  ListCounter,
  whereAfter,
} from './cursor';

/** What a team overview covers. */
export interface TeamScope {
  teamRef: string;
  /** Roll the team's child groups up into it. */
  includeChildren: boolean;
  /** The groups whose own action items count: the team, and its descendants when rolled up. */
  groupRefs: string[];
  severities?: Severity[];
  /** Only what this person owns (followups, post-mortems). */
  memberRef?: string;
  /** Only the incidents the caller may read. */
  readable?: IncidentReadFilter;
}

export interface FollowupBacklog {
  items: Followup[];
  totalCount: number;
  nextCursor: string | null;
  overdue: number;
  dueSoon: number;
  unassigned: number;
}

export interface FollowupFlow {
  /** Action items open when the period began. */
  openAtStart: number;
  /** Action items added, by week. */
  opened: Map<string, number>;
  /** Action items closed, by week. */
  closed: Map<string, number>;
  /** Followups due, and those done by their due date, by week of the due date. */
  due: Map<string, { due: number; doneOnTime: number }>;
}

export interface Period {
  since: Date;
  until: Date;
}

export interface PeriodIncidentRow {
  severity: Severity;
  postmortemStatus: PostmortemStatus | null;
  incidents: number;
  resolved: number;
  resolvedSeconds: number;
}

export interface PostmortemDeadlineRow {
  resolvedAt: string;
  severity: Severity;
  reviewedAt: string | null;
}

export interface OpenPostmortemRow {
  id: string;
  incidentId: string;
  incidentTitle: string;
  incidentSeverity: Severity;
  incidentResolvedAt: string | null;
  status: PostmortemStatus;
  ownerRef: string;
  meetingScheduledFor: string | null;
}

/** What the trend reads: all of it in the indexes of closing and due dates. */
const FLOW_COLUMNS = [
  'followups.status',
  'followups.type',
  'followups.due_at',
  'followups.created_at',
  'followups.completed_at',
];
/** What the backlog reads: all of it in the partial index of open followups. */
const BACKLOG_COLUMNS = [
  'followups.id',
  'followups.status',
  'followups.owner_ref',
  'followups.due_at',
];
const SEVERITY = 'coalesce(incidents.final_severity, incidents.severity)';
const MAJOR = SEVERITIES.filter(isMajorSeverity);

/**
 * The SQL behind the team overview: every figure is an aggregate or an indexed
 * lookup through `incident_owners`, so its cost follows the team's own data.
 */
export class DatabaseTeamOverviewStore {
  constructor(
    private readonly db: Knex,
    private readonly followups: DatabaseFollowupStore,
  ) {}

  /** The final severity of `incidents`, as a column to filter on. */
  private severity(): string {
    // knex types whereIn's column as a string; a raw expression works all the same.
    return this.db.raw(SEVERITY) as unknown as string;
  }

  /** The team's incidents: owned by it directly, or through a child group when rolled up. */
  private incidentIds(scope: TeamScope) {
    const query = this.db('incident_owners')
      .select('incident_owners.incident_id')
      .where('incident_owners.owner_ref', scope.teamRef);
    if (!scope.includeChildren) query.where('incident_owners.direct', true);
    whereReadable(
      this.db,
      query,
      scope.readable,
      'incident_owners.incident_id',
    );
    if (scope.severities?.length) {
      query
        .join('incidents', 'incidents.id', 'incident_owners.incident_id')
        .whereIn(this.severity(), scope.severities);
    }
    return query;
  }

  /** Incidents of the team, joined as `incidents`. */
  private incidents(scope: TeamScope) {
    return this.db('incidents').whereIn(
      'incidents.id',
      this.incidentIds(scope),
    );
  }

  /** The rows of `followupLookups`, as one read named `followups`. */
  private followupsInScope(
    ...args: Parameters<DatabaseTeamOverviewStore['followupLookups']>
  ) {
    return this.db.from(unionOf(this.followupLookups(...args)).as('followups'));
  }

  /**
   * The team's followups that meet `conditions`, as reads of rows named
   * `followups`: those of its incidents (their copies in `team_followups`, by
   * team) and those its groups own of other incidents, as index lookups that
   * never find the same followup, so a UNION ALL joins them without sorting.
   * One OR across both would read the whole followups table. `ranges` split
   * the first lookup into index ranges that never find the same row and
   * together hold every row `conditions` take.
   */
  private followupLookups(
    scope: TeamScope,
    conditions: (query: Knex.QueryBuilder) => void,
    columns: string[],
    ranges: ((query: Knex.QueryBuilder) => void)[] = [() => {}],
  ) {
    const teamIncident = (query: Knex.QueryBuilder, table: string) => {
      query.where(`${table}.owner_ref`, scope.teamRef);
      if (!scope.includeChildren) query.where(`${table}.direct`, true);
      return query;
    };
    const ofIncidents = ranges.map(range => {
      const query = this.db('team_followups as followups')
        .select(columns)
        .where('followups.team_ref', scope.teamRef);
      if (!scope.includeChildren) query.where('followups.direct', true);
      range(query);
      return query;
    });
    const owned = whereAnyOf(
      this.db,
      this.db('followups').select(columns),
      'followups.owner_ref',
      scope.groupRefs,
    ).whereNotExists(
      teamIncident(
        this.db('incident_owners as team_incidents')
          .select(this.db.raw('1'))
          .whereRaw('team_incidents.incident_id = followups.incident_id'),
        'team_incidents',
      ),
    );
    const branches = [...ofIncidents, owned];
    for (const branch of branches) {
      if (scope.severities?.length) {
        branch
          .join('incidents', 'incidents.id', 'followups.incident_id')
          .whereIn(this.severity(), scope.severities);
      }
      if (scope.memberRef) branch.where('followups.owner_ref', scope.memberRef);
      whereReadable(this.db, branch, scope.readable, 'followups.incident_id');
      conditions(branch);
    }
    return branches;
  }

  /**
   * The team's followups in `statuses`, the most urgent first, up to `limit`,
   * and the figures of its open backlog: one read of the team's followups,
   * counted by window sums before the limit, the page's whole rows read by id
   * in the same statement.
   * Rows outside `statuses` are read for the counts and sorted after the
   * listed ones, so the page never holds one.
   */
  async followupBacklog(
    scope: TeamScope,
    statuses: FollowupStatus[],
    limit: number,
    now: Date,
    dueSoonUntil: Date,
  ): Promise<FollowupBacklog> {
    const listed = `case when followups.status in (${statuses
      .map(() => '?')
      .join(', ')}) then 1 else 0 end`;
    const open = OPEN_FOLLOWUPS_SQL;
    const counted: [string, string, unknown[]][] = [
      ['listed_count', `sum(${listed})`, statuses],
      [
        'overdue',
        `sum(case when ${open} and followups.due_at < ? then 1 else 0 end)`,
        [now],
      ],
      [
        'due_soon',
        `sum(case when ${open} and followups.due_at >= ? and followups.due_at < ? then 1 else 0 end)`,
        [now, dueSoonUntil],
      ],
      [
        'unassigned',
        `sum(case when ${open} and followups.owner_ref is null then 1 else 0 end)`,
        [],
      ],
    ];
    /** The figures, summed over all the rows, or carried on each row by window sums. */
    const figureColumns = (window: string) =>
      counted.map(([name, sum, bindings]) =>
        this.db.raw(`${sum}${window} as ${name}`, bindings as any[]),
      );
    const backlog = () =>
      this.followupsInScope(
        scope,
        q =>
          whereStatusIn(q, [
            ...new Set([...statuses, ...OPEN_FOLLOWUP_STATUSES]),
          ]),
        BACKLOG_COLUMNS,
      );
    type Figures = Record<(typeof counted)[number][0], unknown>;
    const result = (items: Followup[], figures: Figures | undefined) => {
      const totalCount = Number(figures?.listed_count ?? 0);
      return {
        items,
        totalCount,
        nextCursor:
          items.length > 0 && totalCount > items.length
            ? encodeUrgencyCursor(items[items.length - 1])
            : null,
        overdue: Number(figures?.overdue ?? 0),
        dueSoon: Number(figures?.due_soon ?? 0),
        unassigned: Number(figures?.unassigned ?? 0),
      };
    };
    if (limit === 0) {
      // The counts alone: one aggregate, no order, no page.
      const [figures] = await backlog().select(figureColumns(''));
      return result([], figures);
    }
    const rows = await this.followups.readChosenPage<
      Figures & { id: string; listed: unknown }
    >(
      backlog()
        .select(
          'followups.id',
          this.db.raw(`${listed} as listed`, statuses),
          ...figureColumns(' over ()'),
        )
        .orderByRaw(`${listed} desc, ${MOST_URGENT_FIRST}`, statuses)
        // The figures ride on the page's rows: one row at least carries them.
        .limit(limit),
      `page.listed desc, ${MOST_URGENT_FIRST}`,
    );
    return result(
      rows
        .filter(r => Number(r.page.listed) === 1)
        .slice(0, limit)
        .map(r => r.followup),
      rows[0]?.page,
    );
  }

  /**
   * The team's followups in `statuses` after the cursor, the most urgent
   * first: the pages after the backlog's first.
   */
  followupPage(
    scope: TeamScope,
    statuses: FollowupStatus[],
    limit: number,
    cursor?: string,
    counter: ListCounter = countAtOnce,
  ): Promise<Page<Followup>> {
    return this.followups.readUrgentPage(
      this.followupLookups(scope, q => whereStatusIn(q, statuses), [
        'followups.id',
        'followups.due_at',
      ]),
      limit,
      cursor,
      count => counter(['team followups', scope, statuses], count),
      // Its plan for any team reads the same indexes as for each.
      { plannedOnce: true },
    );
  }

  /**
   * The incidents that started in the period, counted by final severity and
   * by their post-mortem's status (null without one; with a member chosen, the
   * member's post-mortems only), with how many were resolved and their time to
   * resolve in all: one read for the severity, post-mortem and MTTR figures.
   */
  async periodIncidents(
    scope: TeamScope,
    period: Period,
  ): Promise<PeriodIncidentRow[]> {
    const rows = await this.incidents(scope)
      .leftJoin('postmortems', join => {
        join.on('postmortems.incident_id', 'incidents.id');
        if (scope.memberRef) {
          join.andOnVal('postmortems.owner_ref', scope.memberRef);
        }
      })
      .whereBetween('incidents.started_at', [period.since, period.until])
      .groupByRaw(`${SEVERITY}, postmortems.status`)
      .select(
        this.db.raw(`${SEVERITY} as severity`),
        'postmortems.status as postmortem_status',
        this.db.raw('count(*) as count'),
        this.db.raw('count(incidents.resolved_at) as resolved'),
        this.db.raw('sum(?) as resolved_seconds', [
          secondsBetweenSql(
            this.db,
            'incidents.started_at',
            'incidents.resolved_at',
          ),
        ]),
      );
    return rows.map((r: any) => ({
      severity: r.severity as Severity,
      postmortemStatus: r.postmortem_status ?? null,
      incidents: Number(r.count),
      resolved: Number(r.resolved),
      resolvedSeconds: Number(r.resolved_seconds ?? 0),
    }));
  }

  /**
   * Post-mortems in Draft or In review, whatever their incident's date, the
   * soonest resolved first (unresolved last), then by id.
   */
  async openPostmortems(scope: TeamScope): Promise<OpenPostmortemRow[]> {
    const query = this.db('postmortems')
      .join('incidents', 'incidents.id', 'postmortems.incident_id')
      .whereIn('postmortems.incident_id', this.incidentIds(scope))
      .whereIn('postmortems.status', ['draft', 'in-review']);
    if (scope.memberRef) query.where('postmortems.owner_ref', scope.memberRef);
    const rows = await query
      .orderByRaw(
        'case when incidents.resolved_at is null then 1 else 0 end, incidents.resolved_at, postmortems.id',
      )
      .select(
        'postmortems.id',
        'postmortems.incident_id',
        'postmortems.status',
        'postmortems.owner_ref',
        'postmortems.meeting_scheduled_for',
        'incidents.title',
        'incidents.resolved_at',
        this.db.raw(`${SEVERITY} as severity`),
      );
    return rows.map((r: any) => ({
      id: r.id,
      incidentId: r.incident_id,
      incidentTitle: r.title,
      incidentSeverity: r.severity,
      incidentResolvedAt: toIsoStringOrNull(r.resolved_at),
      status: r.status,
      ownerRef: r.owner_ref,
      meetingScheduledFor: toIsoStringOrNull(r.meeting_scheduled_for),
    }));
  }

  /**
   * SEV-1 and SEV-2 incidents (not grouped under another) without a
   * post-mortem, the latest started first, a page at a time, and how many
   * there are. Which ones is answered from indexes alone (the team's
   * incidents, the partial index of those needing a post-mortem, which holds
   * their start, the post-mortems by incident); only the page's are read
   * whole. Joined in one, PostgreSQL read every major incident of the
   * database for its title.
   */
  async missingPostmortems(
    scope: TeamScope,
    page: { limit: number; cursor?: string },
  ): Promise<Page<MissingPostmortem>> {
    const missing = this.incidents(scope)
      .whereNull('incidents.primary_incident_id')
      .whereIn(this.severity(), MAJOR)
      .whereNotExists(
        this.db('postmortems')
          .select(this.db.raw('1'))
          .whereRaw('postmortems.incident_id = incidents.id'),
      )
      .select('incidents.id', 'incidents.started_at');
    const count = async () => {
      const [{ count: total }] = await withMaterialized(
        this.db,
        'missing',
        missing.clone(),
      )
        .from('missing')
        .count({ count: '*' });
      return Number(total);
    };
    if (page.limit === 0) {
      return { items: [], totalCount: await count(), nextCursor: null };
    }
    // The page is cut from the index-only list before any incident is read whole.
    const listed = this.db('missing')
      .select('id', 'started_at')
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(page.limit + 1);
    if (page.cursor) {
      whereAfter(
        listed,
        { timeColumn: 'started_at', idColumn: 'id', order: 'desc' },
        decodeCursor(page.cursor),
      );
    }
    const rows: any[] = await withMaterialized(this.db, 'missing', missing)
      .from(listed.as('listed'))
      .join('incidents', 'incidents.id', 'listed.id')
      .orderBy([
        { column: 'listed.started_at', order: 'desc' },
        { column: 'listed.id', order: 'desc' },
      ])
      .select(
        'incidents.id',
        'incidents.title',
        'incidents.resolved_at',
        'listed.started_at',
        this.db.raw(`${SEVERITY} as severity`),
        this.db('missing').count('*').as('total'),
      );
    const last = rows.length > page.limit ? rows[page.limit - 1] : undefined;
    const nextCursor = last
      ? encodeCursor({ at: toIsoString(last.started_at), id: last.id })
      : null;
    return {
      items: rows.slice(0, page.limit).map(r => ({
        incidentId: r.id,
        incidentTitle: r.title,
        incidentSeverity: r.severity,
        resolvedAt: toIsoStringOrNull(r.resolved_at),
      })),
      totalCount: rows.length > 0 ? Number(rows[0].total) : await count(),
      nextCursor,
    };
  }

  /**
   * The post-mortems of incidents resolved in the window, with when they were
   * first reviewed; their deadlines follow the due-date policy, outside SQL.
   */
  async postmortemDeadlines(
    scope: TeamScope,
    window: Period,
  ): Promise<PostmortemDeadlineRow[]> {
    const query = this.db('postmortems')
      .join('incidents', 'incidents.id', 'postmortems.incident_id')
      .whereIn('postmortems.incident_id', this.incidentIds(scope))
      .whereBetween('incidents.resolved_at', [window.since, window.until]);
    if (scope.memberRef) query.where('postmortems.owner_ref', scope.memberRef);
    const rows = await query.select(
      'incidents.resolved_at',
      this.db.raw(`${SEVERITY} as severity`),
      this.db('postmortem_transitions')
        .min('at')
        .whereRaw('postmortem_transitions.postmortem_id = postmortems.id')
        .where('postmortem_transitions.to_status', 'reviewed')
        .as('reviewed_at'),
    );
    return rows.map((r: any) => ({
      resolvedAt: toIsoString(r.resolved_at as DbTimestamp),
      severity: r.severity as Severity,
      reviewedAt: toIsoStringOrNull(r.reviewed_at),
    }));
  }

  /**
   * How the period went, from one read of the team's followups (those any
   * figure counts), counted four ways: the action items open when the period
   * began, and per week the action items added and closed, and the followups
   * due with those done by their due date (won't-do ones left out).
   */
  async followupFlow(scope: TeamScope, period: Period): Promise<FollowupFlow> {
    const { since, until } = period;
    const openAt = (query: Knex.QueryBuilder, column: string) =>
      query
        .where(`${column}.created_at`, '<', since)
        .where(open =>
          open
            .whereNull(`${column}.completed_at`)
            .orWhere(`${column}.completed_at`, '>=', since),
        );
    const items = this.followupsInScope(
      scope,
      q =>
        q.where(counted =>
          counted
            .where(actionItems =>
              actionItems.where('followups.type', 'action-item').where(flow =>
                flow
                  .where(start => openAt(start, 'followups'))
                  .orWhereBetween('followups.created_at', [since, until])
                  .orWhereBetween('followups.completed_at', [since, until]),
              ),
            )
            .orWhere(due =>
              due
                .whereBetween('followups.due_at', [since, until])
                .whereNot('followups.status', 'wont-do'),
            ),
        ),
      FLOW_COLUMNS,
      // One index range each: those still open, those closed since the period
      // began, and those closed before it (which count only as due in it).
      [
        open => open.whereNull('followups.completed_at'),
        closedSince => closedSince.where('followups.completed_at', '>=', since),
        closedBefore =>
          closedBefore
            .where('followups.completed_at', '<', since)
            .whereBetween('followups.due_at', [since, until]),
      ],
    );
    const byWeek = (kind: 'opened' | 'closed' | 'due', column: string) => {
      const week = weekStartSql(this.db, `flow.${column}`);
      const query = this.db('flow')
        .select(
          this.db.raw(`'${kind}' as kind`),
          this.db.raw('? as week', [week]),
          this.db.raw('count(*) as count'),
          this.db.raw(
            kind === 'due'
              ? `sum(case when flow.status = 'done' and flow.completed_at <= flow.due_at then 1 else 0 end) as done_on_time`
              : '0 as done_on_time',
          ),
        )
        .whereBetween(`flow.${column}`, [since, until])
        .groupBy(week);
      return kind === 'due'
        ? query.whereNot('flow.status', 'wont-do')
        : query.where('flow.type', 'action-item');
    };
    const rows = await openAt(
      withMaterialized(this.db, 'flow', items)
        .from('flow')
        .where('flow.type', 'action-item')
        .select(
          this.db.raw(`'start' as kind`),
          this.db.raw('null as week'),
          this.db.raw('count(*) as count'),
          this.db.raw('0 as done_on_time'),
        ),
      'flow',
    ).unionAll([
      byWeek('opened', 'created_at'),
      byWeek('closed', 'completed_at'),
      byWeek('due', 'due_at'),
    ]);
    const weeks = (kind: string) =>
      new Map<string, number>(
        rows
          .filter((r: any) => r.kind === kind)
          .map((r: any) => [String(r.week), Number(r.count)]),
      );
    const start = rows.find((r: any) => r.kind === 'start');
    return {
      openAtStart: Number(start?.count ?? 0),
      opened: weeks('opened'),
      closed: weeks('closed'),
      due: new Map(
        rows
          .filter((r: any) => r.kind === 'due')
          .map((r: any) => [
            String(r.week),
            { due: Number(r.count), doneOnTime: Number(r.done_on_time ?? 0) },
          ]),
      ),
    };
  }
}
