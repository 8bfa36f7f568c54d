import { InfoCard, Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  Incident,
  IncidentDetail,
} from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { incidentFollowupsApiRef } from '../../api/IncidentFollowupsApi';
import { incidentRouteRef } from '../../routes';
import { formatIncidentTime } from '../formatTimes';
import { SeverityChip } from '../SeverityChip';

function describe(incident: Incident) {
  return `${incident.finalSeverity ?? incident.severity} · ${
    incident.title
  } · ${formatIncidentTime(incident.startedAt)}`;
}

/**
 * The incidents grouped under this one, or the primary it is grouped under; the
 * incident commander groups duplicates under one primary here.
 */
export function RelatedIncidentsCard(props: {
  incident: IncidentDetail;
  busy: boolean;
  /** Absent, with onUngroup, when the user may not change the incident. */
  onGroup?: (incidentIds: string[]) => void;
  onUngroup?: (relatedId: string) => void;
}) {
  const { incident, busy } = props;
  const api = useApi(incidentFollowupsApiRef);
  const incidentLink = useRouteRef(incidentRouteRef);
  const [picked, setPicked] = useState<Incident | null>(null);
  const { value: candidates = [] } = useAsync(async () => {
    if (incident.primaryIncident || !props.onGroup) return [];
    const page = await api.listIncidents({ limit: 100 });
    return page.items.filter(
      i => i.id !== incident.id && i.relatedIncidentCount === 0,
    );
  }, [
    api,
    incident.id,
    incident.primaryIncident,
    incident.relatedIncidentCount,
    props.onGroup,
  ]);

  if (incident.primaryIncident) {
    return (
      <InfoCard title="Related incidents">
        <Typography variant="body2">
          Grouped under the primary incident{' '}
          <Link to={incidentLink({ incidentId: incident.primaryIncident.id })}>
            {incident.primaryIncident.title}
          </Link>
          .
        </Typography>
      </InfoCard>
    );
  }

  return (
    <InfoCard title="Related incidents">
      {incident.relatedIncidents.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No incident is grouped under this one.
        </Typography>
      ) : (
        <List dense>
          {incident.relatedIncidents.map(related => (
            <ListItem key={related.id}>
              <Box mr={1}>
                <SeverityChip
                  severity={related.severity}
                  finalSeverity={related.finalSeverity}
                />
              </Box>
              <ListItemText
                primary={
                  <Link to={incidentLink({ incidentId: related.id })}>
                    {related.title}
                  </Link>
                }
                secondary={formatIncidentTime(related.startedAt)}
              />
              {props.onUngroup && (
                <ListItemSecondaryAction>
                  <Button
                    size="small"
                    disabled={busy}
                    onClick={() => props.onUngroup?.(related.id)}
                  >
                    Ungroup
                  </Button>
                </ListItemSecondaryAction>
              )}
            </ListItem>
          ))}
        </List>
      )}
      {props.onGroup && (
        <Box display="flex" alignItems="center" style={{ gap: 8 }} mt={2}>
          <Autocomplete<Incident>
            options={candidates}
            getOptionLabel={describe}
            value={picked}
            onChange={(_, value) => setPicked(value)}
            size="small"
            style={{ flex: 1 }}
            renderInput={params => (
              <TextField
                {...params}
                variant="outlined"
                label="Incident to group under this one"
              />
            )}
          />
          <Button
            variant="outlined"
            disabled={busy || !picked}
            onClick={() => {
              if (picked) {
                props.onGroup?.([picked.id]);
                setPicked(null);
              }
            }}
          >
            Group
          </Button>
        </Box>
      )}
    </InfoCard>
  );
}
