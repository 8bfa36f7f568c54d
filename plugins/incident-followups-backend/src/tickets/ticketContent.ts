import {
  Followup,
  Incident,
} from '@incident-followups/plugin-incident-followups-common';

/** The label that marks the ticket of one action item, to find it again. */
export function ticketMarker(followupId: string): string {
  return `followup-${followupId}`;
}

/** The process's labels for an incident's action items: `sev1` and `sev1_YYYYMMDD`. */
export function severityLabels(incident: Incident): string[] {
  const severity = (incident.finalSeverity ?? incident.severity)
    .replace('-', '')
    .toLowerCase();
  const day = incident.startedAt.slice(0, 10).replace(/-/g, '');
  return [severity, `${severity}_${day}`];
}

/** The pages a ticket links back to. */
export function ticketLinks(
  appBaseUrl: string,
  incident: Incident,
  hasPostmortem: boolean,
): { title: string; url: string }[] {
  const incidentUrl = `${appBaseUrl}/incident-followups/incidents/${incident.id}`;
  const links = [{ title: `Incident: ${incident.title}`, url: incidentUrl }];
  if (hasPostmortem) {
    links.push({ title: 'Post-mortem', url: `${incidentUrl}/postmortem` });
  }
  return links;
}

/** The ticket's text: the action item, then where it comes from. */
export function ticketDescription(
  followup: Followup,
  incident: Incident,
  links: { title: string; url: string }[],
): string {
  const severity = incident.finalSeverity ?? incident.severity;
  return [
    followup.description.trim(),
    `Action item (${followup.priority ?? 'no priority'}, ${
      followup.kind ?? 'action item'
    }) from the ${severity} incident "${
      incident.title
    }" of ${incident.startedAt.slice(0, 10)}${
      followup.dueAt ? `, due ${followup.dueAt.slice(0, 10)}` : ''
    }.`,
    ...links.map(link => `${link.title}: ${link.url}`),
  ]
    .filter(Boolean)
    .join('\n\n');
}
