import Database from 'better-sqlite3';
import { Client } from 'pg';
import { Row } from './history';

/** Inserts many rows of one table at once. */
export interface BulkInserter {
  insert(table: string, rows: Row[]): Promise<void>;
}

/**
 * PostgreSQL: one `INSERT ... SELECT * FROM unnest($1::type[], ...)` per batch,
 * one array parameter per column, typed from the table's own columns.
 */
export function postgresInserter(client: Client): BulkInserter {
  const types = new Map<string, Map<string, string>>();
  const columnTypes = async (table: string) => {
    if (!types.has(table)) {
      const { rows } = await client.query(
        `select column_name, udt_name from information_schema.columns
         where table_schema = current_schema() and table_name = $1`,
        [table],
      );
      types.set(
        table,
        new Map(rows.map(r => [r.column_name as string, r.udt_name as string])),
      );
    }
    return types.get(table)!;
  };
  return {
    async insert(table, rows) {
      if (!rows.length) return;
      const known = await columnTypes(table);
      const columns = Object.keys(rows[0]);
      const casts = columns.map((column, i) => {
        const type = known.get(column);
        if (!type) throw new Error(`${table} has no column ${column}`);
        return `$${i + 1}::${type}[]`;
      });
      await client.query(
        `insert into "${table}" (${columns
          .map(c => `"${c}"`)
          .join(', ')}) select * from unnest(${casts.join(', ')})`,
        columns.map(column => rows.map(row => row[column])),
      );
    },
  };
}

/** SQLite: one prepared statement per table, run in a transaction per batch. */
export function sqliteInserter(db: Database.Database): BulkInserter {
  const toSqlite = (value: Row[string]) => {
    if (value instanceof Date) return value.getTime();
    if (typeof value === 'boolean') return value ? 1 : 0;
    return value;
  };
  return {
    async insert(table, rows) {
      if (!rows.length) return;
      const columns = Object.keys(rows[0]);
      const statement = db.prepare(
        `insert into "${table}" (${columns
          .map(c => `"${c}"`)
          .join(', ')}) values (${columns.map(() => '?').join(', ')})`,
      );
      db.transaction(() => {
        for (const row of rows) {
          statement.run(columns.map(column => toSqlite(row[column])));
        }
      })();
    },
  };
}
