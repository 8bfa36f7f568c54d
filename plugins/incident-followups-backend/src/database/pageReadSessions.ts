import { Knex } from 'knex';
import { dialectOf } from './sqlDialect';
import {
  keepCompiledStatements,
  PreparingConnection,
} from './sqliteStatements';

/**
 * PostgreSQL's settings for the plugin's sessions: its reads are index
 * lookups for one page, which the server's defaults plan badly.
 * - No parallel workers: the planner sends a team's followups to two workers
 *   (a parallel append of the two halves of the team's followups), and
 *   starting them costs more than they save: a leaf team's open-followup
 *   count took 56 ms with workers and 14.5 ms without, at 100,000 incidents,
 *   and under concurrent page loads the workers take their CPU from the other
 *   requests (the team overview's database CPU per request: 283 -> 115 ms).
 * - Random reads priced as on SSD or cached storage (1.1, not the default 4,
 *   which prices spinning disks): with 4 the planner reads a top-level group's
 *   followups of the period through the whole table's time indexes (28,000
 *   heap pages) instead of through its 15,000 incidents (295 -> 200 ms).
 */
export const PAGE_READ_SETTINGS =
  'set max_parallel_workers_per_gather = 0; set random_page_cost = 1.1';

/**
 * SQLite's page cache for the plugin's database: up to 64 MiB (the default is
 * 2 MiB), taken only as pages are read. A team overview reads more pages than
 * the default holds, which then came from the file again on every request: 8
 * concurrent top-level overviews at 10,000 incidents served 88-97 requests in
 * 8 s with the default and 111-120 with the larger cache.
 */
export const SQLITE_PAGE_CACHE = 'cache_size = -65536';

interface PgConnection {
  query(sql: string): Promise<unknown>;
}

interface BetterSqliteConnection {
  pragma(source: string): unknown;
}

/**
 * Gives each connection of the plugin's pool the page-read settings (on
 * SQLite, also its kept compiled statements) the first time it is handed out,
 * also those Backstage's own services (the scheduler, the auth key store)
 * opened on the plugin's database before; the rest of the database keeps its
 * settings. The settings are applied before the connection is handed out:
 * pg 8 queues a query sent to a client still busy with another, which it
 * deprecates and pg 9 is to stop doing.
 */
export function withPageReadSettings(db: Knex): Knex {
  const apply = settingsFor(db);
  if (!apply) return db;
  const prepared = new WeakSet<object>();
  const client = db.client;
  const acquire: Knex.Client['acquireConnection'] =
    client.acquireConnection.bind(client);
  client.acquireConnection = async () => {
    const connection = await acquire();
    if (!prepared.has(connection)) {
      prepared.add(connection);
      await apply(connection);
    }
    return connection;
  };
  return db;
}

function settingsFor(db: Knex) {
  switch (dialectOf(db)) {
    case 'pg':
      return async (connection: PgConnection) => {
        // A connection that cannot take them is broken and fails the query
        // it was handed out for all the same.
        await connection.query(PAGE_READ_SETTINGS).catch(() => undefined);
      };
    case 'sqlite':
      // better-sqlite3, Backstage's SQLite driver; the older sqlite3 has no pragma().
      return (
        connection: Partial<BetterSqliteConnection & PreparingConnection>,
      ) => {
        if (!connection.pragma || !connection.prepare) return;
        connection.pragma(SQLITE_PAGE_CACHE);
        keepCompiledStatements(connection as PreparingConnection);
      };
    default:
      return undefined;
  }
}
