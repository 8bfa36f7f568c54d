import { Link, TableColumn } from '@backstage/core-components';
import {
  Incident,
  POSTMORTEM_STATUS_TITLES,
} from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { EntityRefStack } from './EntityRefStack';
import { formatIncidentDuration, formatIncidentTime } from '../formatTimes';
import { IncidentStatusLabel } from '../IncidentStatusLabel';
import { SeverityChip } from '../SeverityChip';
import { SourceLink } from '../SourceLink';

const noWrap = { whiteSpace: 'nowrap' } as const;

function PostmortemColumn(props: { incident: Incident }) {
  const { incident } = props;
  if (incident.postmortem) {
    return (
      <Chip
        size="small"
        variant="outlined"
        label={POSTMORTEM_STATUS_TITLES[incident.postmortem.status]}
      />
    );
  }
  if (incident.postmortemRequired && incident.status === 'resolved') {
    return (
      <Chip
        size="small"
        label="Missing"
        style={{ backgroundColor: '#c62828', color: '#fff' }}
      />
    );
  }
  return (
    <Typography variant="body2" color="textSecondary">
      —
    </Typography>
  );
}

/** The columns of an incident list; `incidentLink` gives each incident's page. */
export function incidentColumns(
  incidentLink: (incident: Incident) => string,
): TableColumn<Incident>[] {
  return [
    {
      title: 'Severity',
      field: 'severity',
      cellStyle: noWrap,
      render: incident => (
        <SeverityChip
          severity={incident.severity}
          finalSeverity={incident.finalSeverity}
        />
      ),
    },
    {
      title: 'Incident',
      field: 'title',
      cellStyle: { minWidth: 240 },
      headerStyle: { minWidth: 240 },
      render: incident => (
        <>
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            <Link to={incidentLink(incident)}>{incident.title}</Link>
            {incident.source.url && (
              <Typography variant="caption">
                <SourceLink source={incident.source} />
              </Typography>
            )}
            {incident.relatedIncidentCount > 0 && (
              <Chip
                size="small"
                variant="outlined"
                label={`+${incident.relatedIncidentCount} related`}
              />
            )}
          </Box>
          {incident.description && (
            <Typography
              variant="caption"
              color="textSecondary"
              noWrap
              component="div"
              style={{ maxWidth: 300 }}
              title={incident.description}
            >
              {incident.description}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Status',
      field: 'status',
      cellStyle: noWrap,
      render: incident => (
        <>
          <IncidentStatusLabel status={incident.status} />
          <Typography variant="caption" color="textSecondary" component="div">
            {formatIncidentTime(incident.startedAt)}
          </Typography>
          <Typography variant="caption" color="textSecondary" component="div">
            {incident.resolvedAt
              ? `lasted ${formatIncidentDuration(
                  incident.startedAt,
                  incident.resolvedAt,
                )}`
              : `open for ${formatIncidentDuration(incident.startedAt, null)}`}
          </Typography>
        </>
      ),
    },
    {
      title: 'Owning team',
      sorting: false,
      cellStyle: { minWidth: 130 },
      render: incident =>
        incident.ownerRefs.length ? (
          <EntityRefStack entityRefs={incident.ownerRefs} defaultKind="group" />
        ) : (
          <Typography variant="body2" color="textSecondary">
            {incident.ownersStale ? 'Looking up…' : 'None'}
          </Typography>
        ),
    },
    {
      title: 'Incident commander',
      sorting: false,
      cellStyle: { minWidth: 140 },
      render: incident => {
        const refs = incident.responders
          .filter(r => r.role === 'incident-commander')
          .map(r => r.userRef);
        return refs.length ? (
          <EntityRefStack entityRefs={refs} defaultKind="user" />
        ) : (
          <Typography variant="body2" color="textSecondary">
            Unassigned
          </Typography>
        );
      },
    },
    {
      title: 'Open followups',
      field: 'openFollowupCount',
      cellStyle: noWrap,
      render: incident =>
        incident.openFollowupCount > 0 ? (
          <Chip size="small" label={`${incident.openFollowupCount} open`} />
        ) : (
          <Typography variant="body2" color="textSecondary">
            {incident.status === 'resolved' ? 'All done' : '—'}
          </Typography>
        ),
    },
    {
      title: 'Post-mortem',
      field: 'postmortem',
      cellStyle: noWrap,
      render: incident => <PostmortemColumn incident={incident} />,
    },
  ];
}
