import { Knex } from 'knex';

type Dialect = 'sqlite' | 'pg' | 'mysql';

export function dialectOf(db: Knex): Dialect {
  const client = String(db.client.config.client);
  if (client.includes('sqlite')) return 'sqlite';
  if (client.includes('mysql')) return 'mysql';
  return 'pg';
}

/**
 * The Monday (UTC) of the week a timestamp column falls in, as `YYYY-MM-DD`.
 * SQLite holds timestamps as epoch milliseconds.
 */
export function weekStartSql(db: Knex, column: string): Knex.Raw {
  switch (dialectOf(db)) {
    case 'sqlite':
      return db.raw(`date(?? / 1000, 'unixepoch', 'weekday 0', '-6 days')`, [
        column,
      ]);
    case 'mysql':
      return db.raw(
        `date_format(date_sub(??, interval weekday(??) day), '%Y-%m-%d')`,
        [column, column],
      );
    default:
      return db.raw(
        `to_char(date_trunc('week', ?? at time zone 'UTC'), 'YYYY-MM-DD')`,
        [column],
      );
  }
}

/**
 * A column that a condition only filters on, never reads an index through.
 * SQLite, without statistics, reads rows through an index on any column
 * compared with a constant, even one that most rows match (incidents not grouped
 * under another, say) instead of the narrower range of another condition:
 * a unary `+` keeps it from. Other databases weigh their statistics.
 */
export function filterOnly(db: Knex, column: string): Knex.Raw {
  return dialectOf(db) === 'sqlite'
    ? db.raw('+??', [column])
    : db.raw('??', [column]);
}

/**
 * A common table expression computed once however often the statement reads
 * it: SQLite otherwise expands it into every place that reads it (PostgreSQL
 * computes one that is read more than once only once anyway). MySQL has no
 * such hint.
 */
export function withMaterialized(
  db: Knex,
  name: string,
  query: Knex.QueryBuilder,
): Knex.QueryBuilder {
  return dialectOf(db) === 'mysql'
    ? db.with(name, query)
    : db.withMaterialized(name, query);
}

/** The seconds from one timestamp column to another. */
export function secondsBetweenSql(db: Knex, from: string, to: string) {
  switch (dialectOf(db)) {
    case 'sqlite':
      return db.raw(`(?? - ??) / 1000.0`, [to, from]);
    case 'mysql':
      return db.raw(`timestampdiff(second, ??, ??)`, [from, to]);
    default:
      return db.raw(`extract(epoch from (?? - ??))`, [to, from]);
  }
}

/**
 * Holds the incident's row until the transaction ends, so that writes for one
 * incident from several replicas take turns. SQLite has one writer at a time.
 */
export async function lockIncident(
  tx: Knex.Transaction,
  incidentId: string,
): Promise<void> {
  if (dialectOf(tx) === 'sqlite') return;
  await tx('incidents').where({ id: incidentId }).select('id').forUpdate();
}
