/** What the fake PagerDuty keeps of an incident; the API shapes are made from it. */
export interface FakeIncident {
  id: string;
  number: number;
  title: string;
  serviceId: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  priority: string | null;
  urgency: 'high' | 'low';
  assigneeEmails: string[];
  acknowledgedAt: string | null;
  acknowledgerEmail: string | null;
  mergedInto: string | null;
}

/** A log entry of the fake, in PagerDuty's terms. */
export interface FakeLogEntry {
  id: string;
  incidentId: string;
  type: string;
  summary: string;
  createdAt: string;
  agentEmail: string | null;
}

function userId(email: string): string {
  return `PU${Buffer.from(email).toString('hex').slice(0, 10).toUpperCase()}`;
}

function user(email: string, baseUrl: string) {
  const id = userId(email);
  return {
    id,
    type: 'user',
    summary: email.split('@')[0],
    self: `${baseUrl}/users/${id}`,
    html_url: `${baseUrl}/users/${id}`,
    name: email.split('@')[0],
    email,
  };
}

function service(id: string, baseUrl: string) {
  return {
    id,
    type: 'service_reference',
    summary: `Service ${id}`,
    self: `${baseUrl}/services/${id}`,
    html_url: `${baseUrl}/service-directory/${id}`,
  };
}

/** An incident as `GET /incidents` answers with `include[]=assignees,acknowledgers`. */
export function incidentJson(incident: FakeIncident, baseUrl: string) {
  return {
    id: incident.id,
    type: 'incident',
    summary: `[#${incident.number}] ${incident.title}`,
    self: `${baseUrl}/incidents/${incident.id}`,
    html_url: `${baseUrl}/incidents/${incident.id}`,
    incident_number: incident.number,
    title: incident.title,
    created_at: incident.createdAt,
    updated_at: incident.updatedAt,
    status: incident.status,
    incident_key: `key-${incident.id}`,
    service: service(incident.serviceId, baseUrl),
    assignments:
      incident.status === 'resolved'
        ? []
        : incident.assigneeEmails.map(email => ({
            at: incident.createdAt,
            assignee: user(email, baseUrl),
          })),
    acknowledgements:
      incident.status === 'acknowledged' &&
      incident.acknowledgerEmail &&
      incident.acknowledgedAt
        ? [
            {
              at: incident.acknowledgedAt,
              acknowledger: user(incident.acknowledgerEmail, baseUrl),
            },
          ]
        : [],
    assigned_via: 'escalation_policy',
    last_status_change_at: incident.updatedAt,
    // PagerDuty's document has no null for these: they are left out instead.
    ...(incident.resolvedAt ? { resolved_at: incident.resolvedAt } : {}),
    urgency: incident.urgency,
    ...(incident.priority
      ? {
          priority: {
            id: `PRI${incident.priority}`,
            type: 'priority',
            summary: incident.priority,
            self: `${baseUrl}/priorities/PRI${incident.priority}`,
            html_url: null,
            name: incident.priority,
          },
        }
      : {}),
    ...(incident.mergedInto
      ? {
          resolve_reason: {
            type: 'merge_resolve_reason',
            incident: {
              id: incident.mergedInto,
              type: 'incident_reference',
              summary: incident.mergedInto,
              self: `${baseUrl}/incidents/${incident.mergedInto}`,
              html_url: `${baseUrl}/incidents/${incident.mergedInto}`,
            },
          },
        }
      : {}),
  };
}

export function logEntryJson(entry: FakeLogEntry, baseUrl: string) {
  return {
    id: entry.id,
    type: entry.type,
    summary: entry.summary,
    self: `${baseUrl}/log_entries/${entry.id}`,
    html_url: `${baseUrl}/incidents/${entry.incidentId}/log_entries/${entry.id}`,
    created_at: entry.createdAt,
    agent: entry.agentEmail
      ? {
          id: userId(entry.agentEmail),
          type: 'user_reference',
          summary: entry.agentEmail.split('@')[0],
          self: `${baseUrl}/users/${userId(entry.agentEmail)}`,
          html_url: `${baseUrl}/users/${userId(entry.agentEmail)}`,
        }
      : undefined,
    incident: {
      id: entry.incidentId,
      type: 'incident_reference',
      summary: entry.incidentId,
      self: `${baseUrl}/incidents/${entry.incidentId}`,
      html_url: `${baseUrl}/incidents/${entry.incidentId}`,
    },
  };
}
