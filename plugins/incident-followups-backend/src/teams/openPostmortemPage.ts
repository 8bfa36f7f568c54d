import {
  DueDatePolicy,
  meetingDeadline,
  meetingState,
  Page,
  TeamPostmortem,
} from '@incident-followups/plugin-incident-followups-common';
import { decodePosition, encodePosition } from '../database/cursor';
import { OpenPostmortemRow } from '../database/DatabaseTeamOverviewStore';

interface Position {
  resolvedAt: string | null;
  id: string;
}

/** The store's order: the soonest resolved first, unresolved last, then by id. */
function compare(a: Position, b: Position): number {
  if (a.resolvedAt !== b.resolvedAt) {
    if (a.resolvedAt === null) return 1;
    if (b.resolvedAt === null) return -1;
    return Date.parse(a.resolvedAt) - Date.parse(b.resolvedAt);
  }
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

function decode(cursor: string): Position {
  return decodePosition(cursor, values => {
    if (!Array.isArray(values) || values.length !== 2) return undefined;
    const [resolvedAt, id] = values;
    const time =
      resolvedAt === null ||
      (typeof resolvedAt === 'string' && !Number.isNaN(Date.parse(resolvedAt)));
    return time && typeof id === 'string' ? { resolvedAt, id } : undefined;
  });
}

/**
 * A team's post-mortems in draft or in review, a page at a time after the
 * cursor, with how many are late. Every one is read, whatever the page: which
 * are late follows the due-date policy (business days, holidays), outside SQL.
 */
export function openPostmortemPage(
  rows: OpenPostmortemRow[],
  page: { limit: number; cursor?: string },
  policy: DueDatePolicy,
  now: Date,
): Page<TeamPostmortem> & { lateCount: number } {
  const all = rows.map(({ incidentResolvedAt, ...postmortem }) => {
    const deadline = meetingDeadline(
      incidentResolvedAt,
      postmortem.incidentSeverity,
      policy,
    );
    return {
      position: { resolvedAt: incidentResolvedAt, id: postmortem.id },
      postmortem: {
        ...postmortem,
        meetingDeadline: deadline,
        meetingState: meetingState(postmortem, deadline, now),
      },
    };
  });
  all.sort((a, b) => compare(a.position, b.position));
  const after = page.cursor ? decode(page.cursor) : undefined;
  const following = after
    ? all.filter(p => compare(p.position, after) > 0)
    : all;
  const listed = following.slice(0, page.limit);
  const last = listed[listed.length - 1];
  return {
    items: listed.map(p => p.postmortem),
    totalCount: all.length,
    nextCursor:
      last && following.length > listed.length
        ? encodePosition([last.position.resolvedAt, last.position.id])
        : null,
    lateCount: all.filter(p => p.postmortem.meetingState === 'late').length,
  };
}
