/** Row types of the plugin's tables, as knex reads them. */

export type DbTimestamp = Date | string | number;

export interface IncidentRow {
  id: string;
  title: string;
  description: string;
  severity: string;
  status: string;
  started_at: DbTimestamp;
  resolved_at: DbTimestamp | null;
  created_at: DbTimestamp;
  updated_at: DbTimestamp;
  version: number;
}

export interface IncidentEntityRow {
  incident_id: string;
  entity_ref: string;
}

/**
 * SQLite hands timestamps back as epoch milliseconds (better-sqlite3 binds a Date
 * as its number), PostgreSQL and MySQL as Date objects.
 */
export function toIsoString(value: DbTimestamp): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
