import { Severity } from './severity';

/** @public */
export const INCIDENT_STATUSES = [
  'triggered',
  'acknowledged',
  'resolved',
] as const;

/** @public */
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/**
 * An incident as the REST API returns it. Times are ISO 8601 strings in UTC.
 *
 * @public
 */
export interface Incident {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  status: IncidentStatus;
  startedAt: string;
  resolvedAt: string | null;
  /** Affected catalog entities, as full refs such as `component:default/checkout`. */
  entityRefs: string[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * One page of a list: `nextCursor` is passed back as `cursor` for the next page.
 *
 * @public
 */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  totalCount: number;
}
