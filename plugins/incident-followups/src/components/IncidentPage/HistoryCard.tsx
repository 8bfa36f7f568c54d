import { InfoCard, Table } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  IncidentChange,
  POSTMORTEM_STATUS_TITLES,
  PostmortemStatus,
  RESPONDER_ROLE_TITLES,
  Responder,
} from '@incident-followups/plugin-incident-followups-common';
import { formatIncidentTime } from '../formatTimes';

const FIELD_TITLES: Record<string, string> = {
  created: 'Created',
  title: 'Title',
  description: 'Description',
  severity: 'Severity',
  finalSeverity: 'Final severity',
  status: 'Status',
  acknowledgedAt: 'Acknowledged at',
  resolvedAt: 'Resolved at',
  responders: 'Responders',
  relatedIncidents: 'Related incidents',
  primaryIncident: 'Primary incident',
  owners: 'Owning teams',
  ownersAtResolution: 'Owning teams at resolution',
  actionItemAdded: 'Action item added',
  postmortemCreated: 'Post-mortem created, owner',
  postmortemStatus: 'Post-mortem status',
  postmortemOwner: 'Post-mortem owner',
  postmortemMeeting: 'Post-mortem meeting',
  postmortemInvitees: 'Meeting invitees',
  postmortemContent: 'Post-mortem edited',
  statusPagePosted: 'Status page updated',
  stakeholdersNotified: 'Stakeholders notified',
  internalEmailSent: 'Internal email sent',
  sourceEvent: 'In the source',
  sourceAction: 'Done in the source',
};

/** What changed: a followup line names the followup. */
function what(change: IncidentChange): string {
  if (change.field === 'followup') {
    const { title } = (change.to ?? {}) as { title?: string };
    return `Followup: ${title ?? ''}`;
  }
  return FIELD_TITLES[change.field] ?? change.field;
}

function showFollowupChange(value: Record<string, unknown>): string {
  return (
    Object.entries(value)
      .filter(([key]) => key !== 'title' || Object.keys(value).length === 1)
      .map(([key, v]) => {
        if (v === null) return `${key} none`;
        if (key === 'due') return `due ${formatIncidentTime(String(v))}`;
        if (key === 'owner') return `owner ${String(v).split('/').pop()}`;
        return `${key} ${v}`;
      })
      .join(', ') || '—'
  );
}

function show(field: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (field === 'responders') {
    return (
      (value as Responder[])
        .map(
          r =>
            `${RESPONDER_ROLE_TITLES[r.role] ?? r.role}: ${
              r.userRef.split('/')[1]
            }`,
        )
        .join(', ') || 'nobody'
    );
  }
  if (field === 'followup') {
    return showFollowupChange(value as Record<string, unknown>);
  }
  if (field === 'postmortemStatus') {
    return POSTMORTEM_STATUS_TITLES[value as PostmortemStatus] ?? String(value);
  }
  if (field === 'actionItemAdded') {
    const { title, priority } = value as { title: string; priority: string };
    return `${title} (${priority})`;
  }
  if (field === 'postmortemMeeting' && typeof value === 'string') {
    return formatIncidentTime(value);
  }
  if (
    (field === 'postmortemCreated' || field === 'postmortemOwner') &&
    typeof value === 'string'
  ) {
    return value.split('/').pop()!;
  }
  if (field === 'created') {
    const { severity, status } = value as { severity: string; status: string };
    return `${severity}, ${status}`;
  }
  if (field.endsWith('At') && typeof value === 'string')
    return formatIncidentTime(value);
  if (Array.isArray(value)) return value.join(', ') || 'none';
  if (typeof value === 'object') {
    return Object.entries(value as object)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  }
  return String(value);
}

/** Every change of the incident: who, when, from what to what. */
export function HistoryCard(props: { history: IncidentChange[] }) {
  return (
    <InfoCard title="History" noPadding>
      <Table<IncidentChange>
        options={{
          paging: false,
          search: false,
          toolbar: false,
          padding: 'dense',
          sorting: false,
        }}
        data={[...props.history].reverse()}
        columns={[
          {
            title: 'When',
            render: c => formatIncidentTime(c.at),
            cellStyle: { whiteSpace: 'nowrap' },
          },
          {
            title: 'Who',
            render: c =>
              c.actorRef.startsWith('user:') ? (
                <EntityRefLink entityRef={c.actorRef} defaultKind="user" />
              ) : (
                c.actorRef
              ),
          },
          { title: 'What', render: what },
          { title: 'From', render: c => show(c.field, c.from) },
          { title: 'To', render: c => show(c.field, c.to) },
        ]}
      />
    </InfoCard>
  );
}
