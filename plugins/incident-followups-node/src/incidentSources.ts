import {
  createExtensionPoint,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  IncidentStatus,
  Severity,
} from '@incident-followups/plugin-incident-followups-common';

/**
 * One event of an incident in its source, such as PagerDuty's log entries
 * (triggered, acknowledged, escalated, a note): it becomes a line of the incident's
 * history and of the post-mortem timeline.
 *
 * @public
 */
export interface SourceIncidentEvent {
  /** The event's id in the source; the same event is never stored twice. */
  externalId: string;
  /** ISO 8601. */
  at: string;
  /** What happened, as one line for the timeline. */
  summary: string;
}

/**
 * An incident as an incident source reports it, already mapped to the portal's terms.
 *
 * @public
 */
export interface SourceIncident {
  /** The incident's id in the source; together with the source's type it is unique. */
  externalId: string;
  /** The source's service the incident is on: one of those the sync asked for. */
  serviceId: string;
  url: string | null;
  title: string;
  description: string;
  severity: Severity;
  status: IncidentStatus;
  /** ISO 8601 times. */
  startedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  /** Set when the source merged this incident into another one: that one's id. */
  mergedIntoExternalId: string | null;
  /** E-mail addresses of the people who responded; the portal finds them in the catalog. */
  responderEmails: string[];
}

/**
 * What a sync asks a source for: the incidents of these services that changed in
 * the window (or, with `externalIds`, exactly those incidents).
 *
 * @public
 */
export interface SourceIncidentQuery {
  serviceIds: string[];
  /** ISO 8601, inclusive. */
  since: string;
  /** ISO 8601, exclusive. */
  until: string;
  signal?: AbortSignal;
}

/**
 * What the portal's people do to an incident in its source, as themselves: `from`
 * is the e-mail address of the user who clicked (PagerDuty's `From` header).
 * A failure throws an Error whose message is the source's own.
 *
 * @public
 */
export interface SourceIncidentWriteBack {
  /** Merges the other incidents into the primary one. */
  mergeIncidents(
    primaryExternalId: string,
    otherExternalIds: string[],
    options: { from: string },
  ): Promise<void>;
  /** Sets the priority that matches the final severity, and resolves. */
  resolveIncident(
    externalId: string,
    options: { finalSeverity: Severity; from: string },
  ): Promise<void>;
  /** Adds a note, such as the link to the post-mortem. */
  addNote(
    externalId: string,
    content: string,
    options: { from: string },
  ): Promise<void>;
  /** Who the writes come from when the user has no e-mail address in the catalog. */
  defaultFrom?: string;
  /**
   * Posts a post-mortem's external message to the source's status page; present
   * when one is configured. Answers the post's address.
   */
  postToStatusPage?(post: {
    title: string;
    message: string;
  }): Promise<{ url: string | null }>;
}

/**
 * A system incidents come from, such as PagerDuty. The backend plugin runs a
 * cluster-wide scheduled sync per source, keeps a cursor and a status per mapped
 * service, and stores the incidents idempotently by `type` and `externalId`.
 *
 * @public
 */
export interface IncidentSource {
  /** Stored as the incidents' source type, such as `pagerduty`; at most 32 characters. */
  type: string;
  /**
   * The catalog annotation that maps an entity to a service of the source, such as
   * `pagerduty.com/service-id`.
   */
  serviceAnnotation: string;
  /** When the sync runs. */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** How far back the first sync of a service looks. */
  initialLookbackDays: number;
  /** The incidents created in the query's window, page by page. */
  listIncidents(query: SourceIncidentQuery): AsyncIterable<SourceIncident[]>;
  /** One incident by its id in the source; undefined when the source has no such incident. */
  getIncident(
    externalId: string,
    options?: { signal?: AbortSignal },
  ): Promise<SourceIncident | undefined>;
  /** The incident's events, oldest first. */
  listEvents(
    externalId: string,
    options?: { signal?: AbortSignal },
  ): Promise<SourceIncidentEvent[]>;
  /** Present when the portal can update the source's incidents. */
  writeBack?: SourceIncidentWriteBack;
  /**
   * The e-mail address of who is on call first for a service now; the portal
   * suggests them as post-mortem owner. Undefined when nobody is.
   */
  primaryOnCall?(serviceId: string): Promise<{ email: string } | undefined>;
}

/**
 * Lets backend modules add incident sources to the incident-followups plugin.
 *
 * @public
 */
export interface IncidentSourcesExtensionPoint {
  addIncidentSource(source: IncidentSource): void;
}

/**
 * The extension point for incident sources, such as the PagerDuty module.
 *
 * @public
 */
export const incidentSourcesExtensionPoint =
  createExtensionPoint<IncidentSourcesExtensionPoint>({
    id: 'incident-followups.incident-sources',
  });
