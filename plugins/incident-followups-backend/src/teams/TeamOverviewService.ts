import { ListCounter } from '../database/cursor';
import { IncidentReadFilter } from '../database/incidentReadFilter';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  DUE_SOON_HOURS,
  DueDatePolicy,
  Followup,
  FollowupStatus,
  meetingDeadline,
  MissingPostmortem,
  POSTMORTEM_STATUSES,
  PostmortemStatus,
  SEVERITIES,
  Severity,
  TeamOverview,
  TeamPostmortem,
  TeamWeek,
  OPEN_FOLLOWUP_STATUSES,
  Page,
} from '@incident-followups/plugin-incident-followups-common';
import { DateTime, Duration } from 'luxon';
import { openPostmortemPage } from './openPostmortemPage';
import { CatalogUnavailableError } from '../catalog/CatalogOwnershipResolver';
import { GroupHierarchy } from '../catalog/GroupHierarchy';
import {
  DatabaseTeamOverviewStore,
  Period,
  PeriodIncidentRow,
  PostmortemDeadlineRow,
  TeamScope,
} from '../database/DatabaseTeamOverviewStore';

/** The longest a meeting deadline lies after the resolution (5 business days and holidays). */
const DEADLINE_REACH_DAYS = 21;
const FOLLOWUP_LIST_LIMIT = 500;
const POSTMORTEM_LIST_LIMIT = 500;

/** Whose followups, and which: the filters a team's lists share. */
export interface TeamFollowupFilters {
  teamRef: string;
  includeChildren: boolean;
  severities?: Severity[];
  /** The followups listed; default open and in progress. */
  statuses?: FollowupStatus[];
  memberRef?: string;
  /** Only the incidents the caller may read, in every figure and list. */
  readable?: IncidentReadFilter;
}

/** One page of a team's followups after the overview's. */
export interface TeamFollowupPageQuery extends TeamFollowupFilters {
  limit: number;
  cursor?: string;
}

/** One page of a team's open or missing post-mortems after the overview's. */
export interface TeamPostmortemPageQuery
  extends Omit<TeamFollowupFilters, 'statuses'> {
  limit: number;
  cursor?: string;
}

export interface TeamOverviewQuery extends TeamFollowupFilters {
  since: Date;
  until: Date;
  /** How many followups to list; default 500, 0 for the counts alone. */
  followupLimit?: number;
  /** How many open and missing post-mortems to list; default 500, 0 for the counts alone. */
  postmortemLimit?: number;
  /** Count the period's weeks (the trend); default true, else `weeks` is empty. */
  weeks?: boolean;
}

const WEEK_MS = Duration.fromObject({ weeks: 1 }).toMillis();

/** The period's weeks (their Mondays in UTC), and the week a moment in the period falls in. */
function weeksOf(period: Period) {
  const first = DateTime.fromJSDate(period.since, { zone: 'utc' }).startOf(
    'week',
  );
  const end = DateTime.fromJSDate(period.until, { zone: 'utc' });
  const mondays: string[] = [];
  for (let week = first; week <= end; week = week.plus({ weeks: 1 })) {
    mondays.push(week.toISODate()!);
  }
  // UTC has no daylight saving time: every week is as long as any other.
  const weekOf = (ms: number) =>
    mondays[Math.floor((ms - first.toMillis()) / WEEK_MS)];
  return { mondays, weekOf };
}

/** The severity, post-mortem and time-to-resolve figures of the period's incidents. */
function periodFigures(rows: PeriodIncidentRow[]) {
  const bySeverity = new Map<Severity, number>();
  const byStatus = new Map<PostmortemStatus, number>();
  const resolvedBySeverity = new Map<
    Severity,
    { incidents: number; seconds: number }
  >();
  const add = <K>(map: Map<K, number>, key: K, n: number) =>
    map.set(key, (map.get(key) ?? 0) + n);
  for (const row of rows) {
    add(bySeverity, row.severity, row.incidents);
    if (row.postmortemStatus)
      add(byStatus, row.postmortemStatus, row.incidents);
    if (row.resolved > 0) {
      const resolved = resolvedBySeverity.get(row.severity) ?? {
        incidents: 0,
        seconds: 0,
      };
      resolved.incidents += row.resolved;
      resolved.seconds += row.resolvedSeconds;
      resolvedBySeverity.set(row.severity, resolved);
    }
  }
  return { bySeverity, byStatus, resolvedBySeverity };
}

/** A team's overview: what it owes after incidents now, and how the period went. */
export class TeamOverviewService {
  constructor(
    private readonly options: {
      store: DatabaseTeamOverviewStore;
      hierarchy: GroupHierarchy;
      policy: DueDatePolicy;
    },
  ) {}

  /** The team and the groups rolled up into it; a ref the catalog has no group for is a 404. */
  private async groupsOf(
    teamRef: string,
    includeChildren: boolean,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    try {
      if (!(await this.options.hierarchy.isGroup(teamRef, credentials))) {
        throw new NotFoundError(`No group ${teamRef} in the catalog`);
      }
      return includeChildren
        ? [teamRef, ...(await this.options.hierarchy.descendantsOf(teamRef))]
        : [teamRef];
    } catch (error) {
      // Without the catalog, the incidents' stored owners still answer.
      if (error instanceof CatalogUnavailableError) return [teamRef];
      throw error;
    }
  }

  /** Whose incidents a query is about: the team and, asked for, the groups below it; a 404 for a ref the catalog has no group for. */
  async scopeOf(
    filters: Omit<TeamFollowupFilters, 'statuses'>,
    credentials: BackstageCredentials,
  ): Promise<TeamScope> {
    return {
      teamRef: filters.teamRef,
      includeChildren: filters.includeChildren,
      groupRefs: await this.groupsOf(
        filters.teamRef,
        filters.includeChildren,
        credentials,
      ),
      severities: filters.severities,
      memberRef: filters.memberRef,
      readable: filters.readable,
    };
  }

  /** The team's followups after the overview's, page by page. */
  async followupPage(
    query: TeamFollowupPageQuery,
    credentials: BackstageCredentials,
    counter?: ListCounter,
  ): Promise<Page<Followup>> {
    return this.options.store.followupPage(
      await this.scopeOf(query, credentials),
      query.statuses ?? [...OPEN_FOLLOWUP_STATUSES],
      query.limit,
      query.cursor,
      counter,
    );
  }

  /** The team's post-mortems in draft or in review after the overview's, page by page. */
  async openPostmortemPage(
    query: TeamPostmortemPageQuery,
    credentials: BackstageCredentials,
    now: Date = new Date(),
  ): Promise<Page<TeamPostmortem>> {
    const rows = await this.options.store.openPostmortems(
      await this.scopeOf(query, credentials),
    );
    const { lateCount, ...page } = openPostmortemPage(
      rows,
      query,
      this.options.policy,
      now,
    );
    return page;
  }

  /** The team's incidents missing a post-mortem after the overview's, page by page. */
  async missingPostmortemPage(
    query: TeamPostmortemPageQuery,
    credentials: BackstageCredentials,
  ): Promise<Page<MissingPostmortem>> {
    return this.options.store.missingPostmortems(
      await this.scopeOf(query, credentials),
      query,
    );
  }

  async overview(
    query: TeamOverviewQuery,
    credentials: BackstageCredentials,
    now: Date = new Date(),
  ): Promise<TeamOverview> {
    return this.overviewOf(await this.scopeOf(query, credentials), query, now);
  }

  /** The overview of a scope `scopeOf` gave for the query. */
  async overviewOf(
    scope: TeamScope,
    query: TeamOverviewQuery,
    now: Date = new Date(),
  ): Promise<TeamOverview> {
    const { store, policy } = this.options;
    const period: Period = { since: query.since, until: query.until };
    const postmortemLimit = query.postmortemLimit ?? POSTMORTEM_LIST_LIMIT;
    const [followups, periodIncidents, openPostmortems, missing, weeks] =
      await Promise.all([
        store.followupBacklog(
          scope,
          query.statuses ?? [...OPEN_FOLLOWUP_STATUSES],
          query.followupLimit ?? FOLLOWUP_LIST_LIMIT,
          now,
          new Date(now.getTime() + DUE_SOON_HOURS * 3_600_000),
        ),
        store.periodIncidents(scope, period),
        store.openPostmortems(scope),
        store.missingPostmortems(scope, { limit: postmortemLimit }),
        query.weeks === false ? [] : this.weeks(scope, period, now),
      ]);
    const { bySeverity, byStatus, resolvedBySeverity } =
      periodFigures(periodIncidents);
    const open = openPostmortemPage(
      openPostmortems,
      { limit: postmortemLimit },
      policy,
      now,
    );

    return {
      teamRef: query.teamRef,
      includeChildren: query.includeChildren,
      since: period.since.toISOString(),
      until: period.until.toISOString(),
      followups: {
        items: followups.items,
        totalCount: followups.totalCount,
        nextCursor: followups.nextCursor,
        overdueCount: followups.overdue,
        dueSoonCount: followups.dueSoon,
        unassignedCount: followups.unassigned,
      },
      postmortems: {
        countsByStatus: Object.fromEntries(
          POSTMORTEM_STATUSES.map(status => [
            status,
            byStatus.get(status) ?? 0,
          ]),
        ) as TeamOverview['postmortems']['countsByStatus'],
        open: open.items,
        openCount: open.totalCount,
        lateCount: open.lateCount,
        openNextCursor: open.nextCursor,
        missing: missing.items,
        missingCount: missing.totalCount,
        missingNextCursor: missing.nextCursor,
      },
      incidents: {
        bySeverity: Object.fromEntries(
          SEVERITIES.map(severity => [severity, bySeverity.get(severity) ?? 0]),
        ) as TeamOverview['incidents']['bySeverity'],
        total: [...bySeverity.values()].reduce((sum, n) => sum + n, 0),
      },
      weeks,
      mttrBySeverity: SEVERITIES.flatMap(severity => {
        const resolved = resolvedBySeverity.get(severity);
        return resolved
          ? [
              {
                severity,
                incidents: resolved.incidents,
                meanMinutes: Math.round(
                  resolved.seconds / resolved.incidents / 60,
                ),
              },
            ]
          : [];
      }),
    };
  }

  /** The period's weeks: followups due and done on time, post-mortems due and reviewed on time, open action items. */
  private async weeks(
    scope: TeamScope,
    period: Period,
    now: Date,
  ): Promise<TeamWeek[]> {
    const deadlineWindow: Period = {
      since: DateTime.fromJSDate(period.since)
        .minus({ days: DEADLINE_REACH_DAYS })
        .toJSDate(),
      until: period.until,
    };
    const [deadlines, flow] = await Promise.all([
      this.options.store.postmortemDeadlines(scope, deadlineWindow),
      this.options.store.followupFlow(scope, period),
    ]);
    const weeksOfPeriod = weeksOf(period);
    const postmortemsDue = this.postmortemsDueByWeek(
      deadlines,
      period,
      weeksOfPeriod.weekOf,
      now,
    );
    let backlog = flow.openAtStart;
    return weeksOfPeriod.mondays.map(weekStart => {
      backlog +=
        (flow.opened.get(weekStart) ?? 0) - (flow.closed.get(weekStart) ?? 0);
      return {
        weekStart,
        followupsDue: flow.due.get(weekStart)?.due ?? 0,
        followupsDoneOnTime: flow.due.get(weekStart)?.doneOnTime ?? 0,
        postmortemsDue: postmortemsDue.get(weekStart)?.due ?? 0,
        postmortemsOnTime: postmortemsDue.get(weekStart)?.onTime ?? 0,
        openActionItems: backlog,
      };
    });
  }

  /** Post-mortems by the week their meeting deadline fell in (deadlines passed only), and those reviewed by it. */
  private postmortemsDueByWeek(
    rows: PostmortemDeadlineRow[],
    period: Period,
    weekOf: (ms: number) => string,
    now: Date,
  ) {
    const weeks = new Map<string, { due: number; onTime: number }>();
    for (const row of rows) {
      const deadline = meetingDeadline(
        row.resolvedAt,
        row.severity,
        this.options.policy,
      )!;
      const due = Date.parse(deadline);
      if (
        due < period.since.getTime() ||
        due > period.until.getTime() ||
        due > now.getTime()
      ) {
        continue;
      }
      const week = weekOf(due);
      const entry = weeks.get(week) ?? { due: 0, onTime: 0 };
      entry.due++;
      if (row.reviewedAt && Date.parse(row.reviewedAt) <= due) entry.onTime++;
      weeks.set(week, entry);
    }
    return weeks;
  }
}
