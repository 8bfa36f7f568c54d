import { LONGEST_MEETING_MINUTES } from '@incident-followups/plugin-incident-followups-common';
import { Knex } from 'knex';
import { decodePosition, encodePosition, whereAfter } from '../database/cursor';
import { DbTimestamp, toIsoString } from '../database/tables';

type Phase = 'coming' | 'held';

/**
 * Where a page of the meeting list ends. The list holds first the meetings
 * from `boundary` on, the soonest first, then those before it, the latest
 * first; `boundary` stays that of the first page on every page after it.
 */
interface MeetingPosition {
  boundary: string;
  phase: Phase;
  after?: { at: string; id: string };
}

const isTime = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value));

function decode(token: string): MeetingPosition {
  return decodePosition(token, values => {
    if (!Array.isArray(values)) return undefined;
    const [boundary, phase, at, id] = values;
    return isTime(boundary) &&
      (phase === 'coming' || phase === 'held') &&
      isTime(at) &&
      typeof id === 'string'
      ? { boundary, phase, after: { at, id } }
      : undefined;
  });
}

/**
 * A page of process reviews as people look for them: those not over yet
 * (and any that started within the longest a meeting lasts), the soonest
 * first, then those held, the latest first; keyset-paged by the cursor.
 */
export async function readMeetingPage<
  TRow extends { id: string; scheduled_for: DbTimestamp },
>(
  db: Knex,
  page: { limit: number; cursor?: string; now: Date },
): Promise<{ rows: TRow[]; nextCursor: string | null }> {
  const start: MeetingPosition = page.cursor
    ? decode(page.cursor)
    : {
        boundary: new Date(
          page.now.getTime() - LONGEST_MEETING_MINUTES * 60_000,
        ).toISOString(),
        phase: 'coming',
      };
  const boundary = new Date(start.boundary);
  const read = (
    phase: Phase,
    after: MeetingPosition['after'],
    limit: number,
  ): Promise<TRow[]> => {
    const order = phase === 'coming' ? 'asc' : 'desc';
    const query = db('process_reviews').where(
      'scheduled_for',
      phase === 'coming' ? '>=' : '<',
      boundary,
    );
    if (after) {
      whereAfter(
        query,
        { timeColumn: 'scheduled_for', idColumn: 'id', order },
        after,
      );
    }
    return query
      .orderBy([
        { column: 'scheduled_for', order },
        { column: 'id', order },
      ])
      .limit(limit);
  };

  const rows: { phase: Phase; row: TRow }[] = [];
  if (start.phase === 'coming') {
    const coming = await read('coming', start.after, page.limit + 1);
    rows.push(...coming.map(row => ({ phase: 'coming' as const, row })));
  }
  if (rows.length <= page.limit) {
    const held = await read(
      'held',
      start.phase === 'held' ? start.after : undefined,
      page.limit - rows.length + 1,
    );
    rows.push(...held.map(row => ({ phase: 'held' as const, row })));
  }
  const shown = rows.slice(0, page.limit);
  const last = shown[shown.length - 1];
  return {
    rows: shown.map(r => r.row),
    nextCursor:
      rows.length > page.limit && last
        ? encodePosition([
            start.boundary,
            last.phase,
            toIsoString(last.row.scheduled_for),
            last.row.id,
          ])
        : null,
  };
}
