import { Knex } from 'knex';
import { createHash } from 'node:crypto';

async function tableNames(knex: Knex): Promise<string[]> {
  switch (knex.client.config.client) {
    case 'better-sqlite3':
    case 'sqlite3': {
      const rows = await knex.raw(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
      );
      return rows.map((r: { name: string }) => r.name);
    }
    case 'pg': {
      const { rows } = await knex.raw(
        'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()',
      );
      return rows.map((r: { name: string }) => r.name);
    }
    default: {
      const [rows] = await knex.raw(
        'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
      );
      return rows.map((r: { name: string }) => r.name);
    }
  }
}

/**
 * Every table's row count and a hash of its content (rows in a stable order), so
 * that two snapshots differ exactly when something was written.
 */
export async function snapshotDatabase(
  knex: Knex,
): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {};
  for (const table of (await tableNames(knex)).sort()) {
    const rows = (await knex(table).select()).map(row => JSON.stringify(row));
    rows.sort();
    const hash = createHash('sha256').update(rows.join('\n')).digest('hex');
    snapshot[table] = `${rows.length} rows, ${hash.slice(0, 16)}`;
  }
  return snapshot;
}
