import {
  FollowupStatus,
  OPEN_FOLLOWUP_STATUSES,
} from '@incident-followups/plugin-incident-followups-common';
import { Knex } from 'knex';

/**
 * The open followups, as the partial indexes of open followups state it:
 * SQLite uses a partial index only when the query holds its condition word for
 * word, and never for values bound to parameters.
 */
export const OPEN_FOLLOWUPS_SQL = `followups.status in ('open', 'in-progress')`;

/** Keeps the followups in these statuses; the open ones as `OPEN_FOLLOWUPS_SQL`. */
export function whereStatusIn(
  query: Knex.QueryBuilder,
  statuses: readonly FollowupStatus[],
): Knex.QueryBuilder {
  const wanted = new Set(statuses);
  if (
    wanted.size === OPEN_FOLLOWUP_STATUSES.length &&
    OPEN_FOLLOWUP_STATUSES.every(s => wanted.has(s))
  ) {
    return query.whereRaw(OPEN_FOLLOWUPS_SQL);
  }
  return query.whereIn('followups.status', [...statuses]);
}
