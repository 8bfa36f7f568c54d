import { PostmortemSummary } from './postmortem/postmortem';
import { Responder } from './roles';
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
 * Where an incident came from: typed in the portal (`manual`) or imported from an
 * incident tool such as PagerDuty, with its id and page there.
 *
 * @public
 */
export interface IncidentSource {
  type: string;
  externalId: string | null;
  url: string | null;
}

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
  /** Set by the incident commander on resolution; may be lower than `severity`. */
  finalSeverity: Severity | null;
  status: IncidentStatus;
  startedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  source: IncidentSource;
  /** Affected catalog entities, as full refs such as `component:default/checkout-api`. */
  entityRefs: string[];
  responders: Responder[];
  /** The owners (`spec.owner`) of the affected entities. */
  ownerRefs: string[];
  /** True when the catalog could not be asked and the owners may be out of date. */
  ownersStale: boolean;
  /** The primary incident this one is grouped under, if any. */
  primaryIncidentId: string | null;
  /** How many incidents are grouped under this one. */
  relatedIncidentCount: number;
  /** Followups (role steps and action items) not yet done or dropped. */
  openFollowupCount: number;
  /** The incident's post-mortem, once there is one. */
  postmortem: PostmortemSummary | null;
  /** Major incidents (final severity SEV-1 or SEV-2) that are not grouped under another need one. */
  postmortemRequired: boolean;
  createdAt: string;
  updatedAt: string;
  /** Changes carry the version they were based on; a stale one gets 409. */
  version: number;
}

/**
 * One change to an incident: who changed which field, when, from what to what.
 *
 * @public
 */
export interface IncidentChange {
  at: string;
  /** The user, service or `catalog` that made the change. */
  actorRef: string;
  field: string;
  from: unknown;
  to: unknown;
}

/**
 * An incident with everything about it, as `GET /incidents/{id}` returns it.
 *
 * @public
 */
export interface IncidentDetail extends Incident {
  /** The owning teams: the owners and their parent groups up the hierarchy. */
  owningGroupRefs: string[];
  primaryIncident: Incident | null;
  relatedIncidents: Incident[];
  history: IncidentChange[];
}

/**
 * The answer to a write: the incident, and warnings such as a catalog that could
 * not be reached.
 *
 * @public
 */
export interface IncidentWriteResult extends IncidentDetail {
  warnings: string[];
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
