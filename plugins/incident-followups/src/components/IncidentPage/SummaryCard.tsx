import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import { IncidentDetail } from '@incident-followups/plugin-incident-followups-common';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { formatIncidentDuration, formatIncidentTime } from '../formatTimes';
import { SourceLink } from '../SourceLink';

const time = (value: string | null) =>
  value ? formatIncidentTime(value) : '—';

/** What the incident is, when it happened, what it affected and who owns that. */
export function SummaryCard(props: { incident: IncidentDetail }) {
  const { incident } = props;
  const directOwners = incident.ownerRefs;
  const parentGroups = incident.owningGroupRefs.filter(
    ref => !directOwners.includes(ref),
  );
  return (
    <InfoCard title="Incident">
      {incident.ownersStale && (
        <Alert severity="warning" style={{ marginBottom: 16 }}>
          The catalog has not answered who owns the affected services yet; the
          owning teams are filled in once it does.
        </Alert>
      )}
      {incident.description && (
        <Typography
          variant="body1"
          paragraph
          style={{ whiteSpace: 'pre-wrap' }}
        >
          {incident.description}
        </Typography>
      )}
      <StructuredMetadataTable
        metadata={{
          Started: time(incident.startedAt),
          Acknowledged: time(incident.acknowledgedAt),
          Resolved: time(incident.resolvedAt),
          Duration: `${formatIncidentDuration(
            incident.startedAt,
            incident.resolvedAt,
          )}${incident.resolvedAt ? '' : ' so far'}`,
          Affected: <EntityRefLinks entityRefs={incident.entityRefs} />,
          'Owning team': directOwners.length ? (
            <EntityRefLinks entityRefs={directOwners} defaultKind="group" />
          ) : (
            '—'
          ),
          'Parent groups': parentGroups.length ? (
            <EntityRefLinks entityRefs={parentGroups} defaultKind="group" />
          ) : (
            '—'
          ),
          Source: <SourceLink source={incident.source} showId />,
        }}
      />
    </InfoCard>
  );
}
