import { FollowupStatus } from '@incident-followups/plugin-incident-followups-common';
import { Knex } from 'knex';

/** The statuses of a followup still to be done. */
export const OPEN_STATUSES: FollowupStatus[] = ['open', 'in-progress'];

/**
 * Keeps the followups in these statuses. The open ones are asked for with the
 * literal condition of the partial indexes of open followups: SQLite uses a
 * partial index only when the query holds its condition word for word, and
 * never for values bound to parameters.
 */
export function whereStatusIn(
  query: Knex.QueryBuilder,
  statuses: FollowupStatus[],
): Knex.QueryBuilder {
  const wanted = new Set(statuses);
  if (
    wanted.size === OPEN_STATUSES.length &&
    OPEN_STATUSES.every(s => wanted.has(s))
  ) {
    return query.whereRaw(`followups.status in ('open', 'in-progress')`);
  }
  return query.whereIn('followups.status', statuses);
}
