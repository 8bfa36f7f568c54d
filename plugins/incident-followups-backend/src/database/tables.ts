/** Row types of the plugin's tables, as knex reads them. */

export type DbTimestamp = Date | string | number;

export interface IncidentRow {
  id: string;
  title: string;
  description: string;
  severity: string;
  final_severity: string | null;
  status: string;
  started_at: DbTimestamp;
  acknowledged_at: DbTimestamp | null;
  resolved_at: DbTimestamp | null;
  source_type: string;
  source_external_id: string | null;
  source_url: string | null;
  primary_incident_id: string | null;
  owners_stale: boolean | number;
  created_at: DbTimestamp;
  updated_at: DbTimestamp;
  version: number;
}

export interface IncidentEntityRow {
  incident_id: string;
  entity_ref: string;
  direct: boolean | number;
  /** The incident's start, copied for the service tabs' index. */
  started_at: DbTimestamp;
}

export interface IncidentResponderRow {
  incident_id: string;
  role: string;
  user_ref: string;
}

export interface IncidentOwnerRow {
  incident_id: string;
  owner_ref: string;
  direct: boolean | number;
}

export interface IncidentHistoryRow {
  id: number | string;
  incident_id: string;
  changed_at: DbTimestamp;
  actor_ref: string;
  field: string;
  from_value: string | null;
  to_value: string | null;
}

/**
 * SQLite hands timestamps back as epoch milliseconds (better-sqlite3 binds a Date
 * as its number), PostgreSQL and MySQL as Date objects.
 */
export function toIsoString(value: DbTimestamp): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export function toIsoStringOrNull(value: DbTimestamp | null): string | null {
  return value === null ? null : toIsoString(value);
}

export function toDateOrNull(value: string | null | undefined): Date | null {
  return value ? new Date(value) : null;
}
