import { Severity } from '@incident-followups/plugin-incident-followups-common';
import {
  SourceIncident,
  SourceIncidentEvent,
} from '@incident-followups/plugin-incident-followups-node';
import {
  PagerDutyIncident,
  PagerDutyLogEntry,
} from '../client/pagerDutySchemas';

/** How PagerDuty priorities become severities. */
export interface SeverityMapping {
  prioritySeverities: Record<string, Severity>;
  defaultSeverity: Severity;
}

function iso(value: string): string {
  return new Date(value).toISOString();
}

/** A PagerDuty incident in the portal's terms. */
export function toSourceIncident(
  incident: PagerDutyIncident,
  severities: SeverityMapping,
): SourceIncident {
  const priority = incident.priority?.name;
  const emails = [
    ...incident.assignments.map(a => a.assignee.email),
    ...incident.acknowledgements.map(a => a.acknowledger.email),
  ].filter((email): email is string => Boolean(email));
  const firstAck = incident.acknowledgements
    .map(a => a.at)
    .sort()
    .at(0);
  const merged =
    incident.resolve_reason?.type === 'merge_resolve_reason'
      ? incident.resolve_reason.incident?.id ?? null
      : null;
  return {
    externalId: incident.id,
    serviceId: incident.service.id,
    url: incident.html_url ?? null,
    title: incident.title.trim() || `PagerDuty incident ${incident.id}`,
    description:
      incident.incident_number !== undefined
        ? `PagerDuty incident #${incident.incident_number} on ${
            incident.service.summary ?? incident.service.id
          }`
        : '',
    severity:
      (priority && severities.prioritySeverities[priority]) ||
      severities.defaultSeverity,
    status: incident.status,
    startedAt: iso(incident.created_at),
    acknowledgedAt: firstAck ? iso(firstAck) : null,
    resolvedAt:
      incident.status === 'resolved' && incident.resolved_at
        ? iso(incident.resolved_at)
        : null,
    mergedIntoExternalId: merged,
    responderEmails: [...new Set(emails)].sort(),
  };
}

/** The log entries that tell an incident's course; notifications are left out. */
const TIMELINE_TYPES = new Set([
  'trigger_log_entry',
  'acknowledge_log_entry',
  'unacknowledge_log_entry',
  'assign_log_entry',
  'delegate_log_entry',
  'escalate_log_entry',
  'exhaust_escalation_path_log_entry',
  'annotate_log_entry',
  'urgency_change_log_entry',
  'resolve_log_entry',
]);

/** The log entries of an incident as timeline events, oldest first. */
export function toSourceEvents(
  entries: PagerDutyLogEntry[],
): SourceIncidentEvent[] {
  return entries
    .filter(entry => TIMELINE_TYPES.has(entry.type))
    .map(entry => ({
      externalId: entry.id,
      at: iso(entry.created_at),
      summary:
        entry.summary?.trim() ||
        `${entry.type.replace(/_log_entry$/, '').replace(/_/g, ' ')}${
          entry.agent?.summary ? ` by ${entry.agent.summary}` : ''
        }`,
    }))
    .sort((a, b) => a.at.localeCompare(b.at));
}
