import {
  IncidentDetail,
  TimelineRow,
} from '@incident-followups/plugin-incident-followups-common';

/** The post-mortem timeline's first rows, from what the portal recorded of the incident. */
export function timelineFromIncident(incident: IncidentDetail): TimelineRow[] {
  const rows: TimelineRow[] = [
    {
      id: 'incident-started',
      at: incident.startedAt,
      event: `Incident started (${incident.severity})`,
      link: incident.source.url,
    },
  ];
  if (incident.acknowledgedAt) {
    rows.push({
      id: 'incident-acknowledged',
      at: incident.acknowledgedAt,
      event: 'Incident acknowledged',
      link: null,
    });
  }
  // History records when a change was typed in; only changes made while the
  // incident ran say something about its course.
  const end = incident.resolvedAt ?? '9999';
  incident.history.forEach((change, index) => {
    // What the incident's source (such as PagerDuty's log) recorded of its course.
    if (change.field === 'sourceEvent') {
      rows.push({
        id: `incident-history-${index}`,
        at: change.at,
        event: String(change.to),
        link: incident.source.url,
      });
      return;
    }
    if (
      change.field === 'severity' &&
      change.at >= incident.startedAt &&
      change.at <= end
    ) {
      rows.push({
        id: `incident-history-${index}`,
        at: change.at,
        event: `Severity changed to ${String(change.to)}`,
        link: null,
      });
    }
  });
  if (incident.resolvedAt) {
    rows.push({
      id: 'incident-resolved',
      at: incident.resolvedAt,
      event: incident.finalSeverity
        ? `Incident resolved (final severity ${incident.finalSeverity})`
        : 'Incident resolved',
      link: null,
    });
  }
  return rows.sort((a, b) => a.at.localeCompare(b.at));
}
