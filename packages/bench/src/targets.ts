import path from 'node:path';

/** Where a dataset lives: a PostgreSQL database of its own, or a SQLite file. */
export type Target =
  | { kind: 'postgres'; database: string }
  | { kind: 'sqlite'; directory: string };

/** The local server the bench uses: trust authentication, user postgres. */
export const POSTGRES = {
  host: process.env.BENCH_PGHOST ?? '127.0.0.1',
  port: Number(process.env.BENCH_PGPORT ?? 5432),
  user: process.env.BENCH_PGUSER ?? 'postgres',
  password: process.env.BENCH_PGPASSWORD ?? '',
};

/** The SQLite file the backend's database manager opens for the plugin. */
export function sqliteFile(target: { directory: string }): string {
  return path.join(target.directory, 'incident-followups.sqlite');
}

export function describeTarget(target: Target): string {
  return target.kind === 'postgres'
    ? `PostgreSQL database ${target.database}`
    : `SQLite file ${sqliteFile(target)}`;
}
