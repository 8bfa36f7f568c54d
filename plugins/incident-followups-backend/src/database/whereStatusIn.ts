import {
  FollowupStatus,
  OPEN_FOLLOWUP_STATUSES,
} from '@incident-followups/plugin-incident-followups-common';
import { Knex } from 'knex';

/**
 * Keeps the followups in these statuses. The open ones are asked for with the
 * literal condition of the partial indexes of open followups: SQLite uses a
 * partial index only when the query holds its condition word for word, and
 * never for values bound to parameters.
 */
export function whereStatusIn(
  query: Knex.QueryBuilder,
  statuses: readonly FollowupStatus[],
): Knex.QueryBuilder {
  const wanted = new Set(statuses);
  if (
    wanted.size === OPEN_FOLLOWUP_STATUSES.length &&
    OPEN_FOLLOWUP_STATUSES.every(s => wanted.has(s))
  ) {
    return query.whereRaw(`followups.status in ('open', 'in-progress')`);
  }
  return query.whereIn('followups.status', [...statuses]);
}
