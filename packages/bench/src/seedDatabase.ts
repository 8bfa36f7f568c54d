import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import { Client } from 'pg';
import { BulkInserter, postgresInserter, sqliteInserter } from './bulkInsert';
import { incidentHistory, processReviews } from './history';
import { Organisation } from './organisation';
import { REPO_ROOT } from './paths';
import { Scale } from './scale';
import { POSTGRES, sqliteFile, Target } from './targets';

/** The plugin's own migrations, so that the bench runs on the real schema. */
export const MIGRATIONS = path.join(
  REPO_ROOT,
  'plugins/incident-followups-backend/migrations',
);

/** As the plugin's `PAGE_READ_SETTINGS` and `SQLITE_PAGE_CACHE`. */
const PAGE_READ_SETTINGS =
  'set max_parallel_workers_per_gather = 0; set random_page_cost = 1.1';
const SQLITE_PAGE_CACHE = 'cache_size = -65536';

/** Parents before children, for the foreign keys. */
const TABLE_ORDER = [
  'incidents',
  'incident_entities',
  'incident_owners',
  'incident_responders',
  'incident_history',
  'followups',
  'postmortems',
];

/**
 * The plugin's database, for seeding and for replaying its statements (the
 * floor): sessions with the settings the plugin gives its own connections
 * (its `database/pageReadSessions.ts`).
 */
export function knexFor(target: Target): Knex {
  return target.kind === 'postgres'
    ? knexFactory({
        client: 'pg',
        connection: { ...POSTGRES, database: target.database },
        pool: {
          min: 0,
          max: 20,
          afterCreate: (
            connection: { query(sql: string, done: (e?: Error) => void): void },
            done: (error: Error | undefined, c: unknown) => void,
          ) =>
            connection.query(PAGE_READ_SETTINGS, error =>
              done(error, connection),
            ),
        },
      })
    : knexFactory({
        client: 'better-sqlite3',
        connection: { filename: sqliteFile(target) },
        useNullAsDefault: true,
        pool: {
          afterCreate: (
            connection: { pragma(source: string): unknown },
            done: (error: Error | null, c: unknown) => void,
          ) => {
            connection.pragma(SQLITE_PAGE_CACHE);
            done(null, connection);
          },
        },
      });
}

async function recreate(target: Target) {
  if (target.kind === 'sqlite') {
    fs.rmSync(target.directory, { recursive: true, force: true });
    fs.mkdirSync(target.directory, { recursive: true });
    return;
  }
  const admin = new Client({ ...POSTGRES, database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(
      `drop database if exists "${target.database}" with (force)`,
    );
    await admin.query(`create database "${target.database}"`);
  } finally {
    await admin.end();
  }
}

async function withInserter<T>(
  target: Target,
  use: (inserter: BulkInserter) => Promise<T>,
): Promise<T> {
  if (target.kind === 'sqlite') {
    const db = new Database(sqliteFile(target));
    db.pragma('journal_mode = WAL');
    try {
      const result = await use(sqliteInserter(db));
      db.exec('analyze');
      return result;
    } finally {
      db.close();
    }
  }
  const client = new Client({ ...POSTGRES, database: target.database });
  await client.connect();
  try {
    await client.query('set synchronous_commit = off');
    const result = await use(postgresInserter(client));
    await client.query('vacuum analyze');
    return result;
  } finally {
    await client.end();
  }
}

/**
 * Creates the plugin's database from scratch with its migrations, then fills it
 * with the history in bulk. Returns the row count of each table.
 */
export async function seedDatabase(options: {
  target: Target;
  org: Organisation;
  scale: Scale;
  now: Date;
  log: (message: string) => void;
}): Promise<Record<string, number>> {
  const { target, org, scale, now, log } = options;
  await recreate(target);
  await migrate(target, 'before copies');
  const counts: Record<string, number> = {};
  await withInserter(target, async inserter => {
    let done = 0;
    for (const batch of incidentHistory(org, scale, now, 2000)) {
      for (const table of TABLE_ORDER) {
        const rows = batch[table] ?? [];
        await inserter.insert(table, rows);
        counts[table] = (counts[table] ?? 0) + rows.length;
      }
      done += batch.incidents.length;
      if (done % 20_000 === 0) log(`  ${done} incidents`);
    }
    const reviews = processReviews(now);
    await inserter.insert('process_reviews', reviews);
    counts.process_reviews = reviews.length;
    await migrate(target, 'all');
  });
  return counts;
}

/**
 * The first migration that copies rows by trigger (`team_followups`): the
 * seed fills the tables before it, and the migration copies them in one
 * statement, as it does on an existing database, instead of row by row.
 */
const FIRST_COPYING_MIGRATION = '20261205000000_team_followups.js';

async function migrate(target: Target, until: 'before copies' | 'all') {
  const knex = knexFor(target);
  try {
    if (until === 'all') {
      await knex.migrate.latest({ directory: MIGRATIONS });
      return;
    }
    const [, pending] = await knex.migrate.list({ directory: MIGRATIONS });
    for (const migration of pending) {
      if (migration.file >= FIRST_COPYING_MIGRATION) break;
      await knex.migrate.up({ directory: MIGRATIONS, name: migration.file });
    }
  } finally {
    await knex.destroy();
  }
}
