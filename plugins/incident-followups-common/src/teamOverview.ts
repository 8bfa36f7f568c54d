import { Followup } from './followup';
import { MeetingState, PostmortemStatus } from './postmortem/postmortem';
import { Severity } from './severity';

/** An open post-mortem of the team's incidents, with where its meeting stands. @public */
export interface TeamPostmortem {
  id: string;
  incidentId: string;
  incidentTitle: string;
  incidentSeverity: Severity;
  status: PostmortemStatus;
  ownerRef: string;
  meetingScheduledFor: string | null;
  meetingDeadline: string | null;
  meetingState: MeetingState;
}

/** A SEV-1 or SEV-2 incident of the team's that has no post-mortem yet. @public */
export interface MissingPostmortem {
  incidentId: string;
  incidentTitle: string;
  incidentSeverity: Severity;
  resolvedAt: string | null;
}

/** One week (Monday to Sunday, UTC) of the team's trends. @public */
export interface TeamWeek {
  /** The Monday, `YYYY-MM-DD`. */
  weekStart: string;
  /** Followups due that week, and those of them done by their due date. */
  followupsDue: number;
  followupsDoneOnTime: number;
  /** Post-mortems whose meeting deadline fell that week, and those reviewed by it. */
  postmortemsDue: number;
  postmortemsOnTime: number;
  /** Action items open at the end of the week: is the backlog growing? */
  openActionItems: number;
}

/** Mean time to resolve the team's incidents of one severity in the period. @public */
export interface SeverityMttr {
  severity: Severity;
  incidents: number;
  meanMinutes: number;
}

/**
 * What a team owes after incidents (`GET /teams/{groupRef}/overview`). What is
 * owed now (open followups, open and missing post-mortems) is not limited to the
 * period; the counts and trends are of the period.
 *
 * @public
 */
export interface TeamOverview {
  teamRef: string;
  /** Whether the team's child groups are rolled up into it. */
  includeChildren: boolean;
  since: string;
  until: string;
  followups: {
    /** Open and in-progress followups (or those of the requested statuses), overdue first; at most 500, or the `followupLimit` asked for. */
    items: Followup[];
    totalCount: number;
    /** Passed as `cursor` to `GET /teams/{groupRef}/followups` for the ones after `items`; null when none follow or none were asked for. */
    nextCursor: string | null;
    overdueCount: number;
    dueSoonCount: number;
    unassignedCount: number;
  };
  postmortems: {
    /** Post-mortems of the period's incidents, by status. */
    countsByStatus: Record<PostmortemStatus, number>;
    /** Post-mortems in draft or in review, the soonest resolved first; at most 500, or the `postmortemLimit` asked for. */
    open: TeamPostmortem[];
    /** How many are in draft or in review, listed in `open` or not. */
    openCount: number;
    /** How many of them are late: their meeting deadline has passed, or their meeting is set after it. */
    lateCount: number;
    /** Passed as `cursor` to `GET /teams/{groupRef}/open-postmortems` for the ones after `open`; null when none follow or none were asked for. */
    openNextCursor: string | null;
    /** SEV-1 and SEV-2 incidents without a post-mortem, the latest first; at most 500, or the `postmortemLimit` asked for. */
    missing: MissingPostmortem[];
    /** How many incidents lack a post-mortem, listed in `missing` or not. */
    missingCount: number;
    /** Passed as `cursor` to `GET /teams/{groupRef}/missing-postmortems` for the ones after `missing`; null when none follow or none were asked for. */
    missingNextCursor: string | null;
  };
  incidents: {
    /** Incidents that started in the period, by final severity. */
    bySeverity: Record<Severity, number>;
    total: number;
  };
  /** The period's weeks, oldest first; empty when asked with `weeks=false`. */
  weeks: TeamWeek[];
  mttrBySeverity: SeverityMttr[];
}
