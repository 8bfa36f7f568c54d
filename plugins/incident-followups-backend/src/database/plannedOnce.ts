import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import { dialectOf } from './sqlDialect';

/** Connections (by their knex config) whose reads are never prepared. */
const unprepared = new WeakSet<object>();

/**
 * Turns the named statements of `readPlannedOnce` off for the plugin's
 * database: a pooler that hands each transaction another server connection,
 * such as PgBouncer before 1.21 in transaction mode, loses them.
 */
export function withPreparedStatements(db: Knex, enabled: boolean): Knex {
  if (enabled) unprepared.delete(db.client.config);
  else unprepared.add(db.client.config);
  return db;
}

/**
 * The name a statement is prepared under on each connection: its text decides
 * it, so that two queries of different text never share one (the driver
 * refuses that) and the same text is prepared once.
 */
export function statementName(sql: string): string {
  return `ifu_${createHash('sha1').update(sql).digest('base64url')}`;
}

/**
 * Whether a read on `db` is prepared: on PostgreSQL, unless turned off, and
 * never inside a transaction, which a refused statement would abort (see
 * `readNamed`).
 */
function prepares(db: Knex | Knex.Transaction): boolean {
  return (
    dialectOf(db) === 'pg' &&
    !db.isTransaction &&
    !unprepared.has(db.client.config)
  );
}

/**
 * PostgreSQL refuses, for good on that connection, a prepared statement whose
 * result columns changed: a migration run by a newer replica added a column to
 * a table it reads with `*`.
 */
function isChangedResultType(error: unknown): boolean {
  return (
    (error as { code?: string })?.code === '0A000' &&
    /cached plan must not change result type/.test(String(error))
  );
}

/**
 * Runs a statement under its name; one the server refuses as changed (see
 * `isChangedResultType`) runs unprepared instead, until the process restarts.
 */
async function readNamed<TRow>(
  db: Knex,
  sql: string,
  bindings: readonly Knex.RawBinding[],
): Promise<TRow[]> {
  try {
    const result = await db
      .raw(sql, [...bindings])
      .options({ name: statementName(sql) });
    return result.rows;
  } catch (error) {
    if (!isChangedResultType(error)) throw error;
    return (await db.raw(sql, [...bindings])).rows;
  }
}

/**
 * Reads the rows of a frequent, small read. On PostgreSQL it runs as a named
 * prepared statement: each connection parses it once, and after five runs the
 * server keeps one plan for it when that plan costs no more than planning
 * anew. Planning was most of the database's work for a page of a service tab:
 * at 10,000 incidents its two statements took 1.5 ms to plan and 0.3 ms to
 * run. The text must not grow with the data (a list of ids is one array
 * parameter, see `whereAnyOf`), or each length would be prepared apart.
 * Other databases, and transactions, run the query as it is.
 */
export async function readPlannedOnce<TRow>(
  db: Knex | Knex.Transaction,
  query: Knex.QueryBuilder,
): Promise<TRow[]> {
  if (!prepares(db)) return query;
  const { sql, bindings } = query.toSQL();
  return readNamed<TRow>(db, sql, bindings);
}

/**
 * Reads the rows of a statement written out in SQL (`?` for each binding),
 * prepared on PostgreSQL as `readPlannedOnce` does.
 */
export async function readStatementPlannedOnce<TRow>(
  db: Knex | Knex.Transaction,
  sql: string,
  bindings: readonly Knex.RawBinding[],
): Promise<TRow[]> {
  if (prepares(db)) return readNamed<TRow>(db, sql, bindings);
  switch (dialectOf(db)) {
    case 'pg':
      return (await db.raw(sql, [...bindings])).rows;
    case 'mysql':
      return (await db.raw(sql, [...bindings]))[0];
    default:
      return (await db.raw(sql, [...bindings])) as TRow[];
  }
}

/**
 * `column in (values)`, written on PostgreSQL as `column = any(array)` with
 * the values as one parameter, so that the statement's text is the same
 * however many values there are.
 */
export function whereAnyOf(
  db: Knex | Knex.Transaction,
  query: Knex.QueryBuilder,
  column: string,
  values: readonly string[],
): Knex.QueryBuilder {
  return dialectOf(db) === 'pg'
    ? query.whereRaw('?? = any(?)', [column, [...values]])
    : query.whereIn(column, [...values]);
}
