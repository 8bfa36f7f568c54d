import { InfoCard, Table } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  IncidentChange,
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
  actionItemStatus: 'Action item status',
};

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
          { title: 'What', render: c => FIELD_TITLES[c.field] ?? c.field },
          { title: 'From', render: c => show(c.field, c.from) },
          { title: 'To', render: c => show(c.field, c.to) },
        ]}
      />
    </InfoCard>
  );
}
