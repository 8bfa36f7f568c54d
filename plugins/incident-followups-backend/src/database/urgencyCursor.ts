import { Knex } from 'knex';
import { decodePosition, encodePosition } from './cursor';

/**
 * The position after the last followup of a page in the most-urgent-first
 * order (by due date, those without one last, then by id).
 */
export interface UrgencyCursor {
  dueAt: string | null;
  id: string;
}

export function encodeUrgencyCursor(cursor: UrgencyCursor): string {
  return encodePosition([cursor.dueAt, cursor.id]);
}

export function decodeUrgencyCursor(value: string): UrgencyCursor {
  return decodePosition(value, values => {
    if (!Array.isArray(values) || values.length !== 2) return undefined;
    const [dueAt, id] = values;
    const dueAtValid =
      dueAt === null ||
      (typeof dueAt === 'string' && !Number.isNaN(Date.parse(dueAt)));
    return dueAtValid && typeof id === 'string' ? { dueAt, id } : undefined;
  });
}

/**
 * Keeps the followups (rows named `followups`) that come after the cursor in
 * the most-urgent-first order: a keyset, so a followup closed or added
 * between two pages neither repeats one nor skips one.
 */
export function whereAfterUrgency(
  query: Knex.QueryBuilder,
  cursor: UrgencyCursor,
): Knex.QueryBuilder {
  if (cursor.dueAt === null) {
    return query
      .whereNull('followups.due_at')
      .where('followups.id', '>', cursor.id);
  }
  const dueAt = new Date(cursor.dueAt);
  return query.where(after =>
    after
      .where('followups.due_at', '>', dueAt)
      .orWhere(same =>
        same
          .where('followups.due_at', '=', dueAt)
          .where('followups.id', '>', cursor.id),
      )
      .orWhereNull('followups.due_at'),
  );
}
