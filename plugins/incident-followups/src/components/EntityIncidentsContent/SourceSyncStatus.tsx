import { sourceTitle } from '@incident-followups/plugin-incident-followups-common';
import { useApi } from '@backstage/core-plugin-api';
import { SourceServiceSync } from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { DateTime } from 'luxon';
import useAsync from 'react-use/esm/useAsync';
import { incidentFollowupsApiRef } from '../../api/IncidentFollowupsApi';
import { formatIncidentTime } from '../formatTimes';

function describe(sync: SourceServiceSync, now: Date): string {
  const source = `${sourceTitle(sync.sourceType)} service ${sync.serviceId}`;
  if (!sync.lastSyncedAt) {
    return sync.lastAttemptAt
      ? `${source}: not imported yet`
      : `${source}: waiting for the first import`;
  }
  const relative = DateTime.fromISO(sync.lastSyncedAt).toRelative({
    base: DateTime.fromJSDate(now),
  });
  return `${source}: incidents imported ${relative} (${formatIncidentTime(
    sync.lastSyncedAt,
  )})`;
}

/**
 * Where the entity's incidents come from besides the portal (its PagerDuty
 * service), when they were last imported, and what went wrong if the last import
 * failed. Nothing for an entity that no incident source maps.
 */
export function SourceSyncStatus(props: { entityRef: string }) {
  const api = useApi(incidentFollowupsApiRef);
  const { value, error } = useAsync(
    () => api.listSourceSyncs(props.entityRef),
    [api, props.entityRef],
  );
  if (error) {
    return (
      <Box mb={2}>
        <Alert severity="warning">
          Could not tell when incidents were last imported: {error.message}
        </Alert>
      </Box>
    );
  }
  if (!value?.length) return null;
  const now = new Date();
  return (
    <Box mb={2} data-testid="source-sync-status">
      {value.map(sync => (
        <Box key={`${sync.sourceType}:${sync.serviceId}`} mb={1}>
          <Typography variant="body2" color="textSecondary">
            {describe(sync, now)}
          </Typography>
          {sync.lastError && (
            <Alert severity="error">
              The last import failed: {sync.lastError}
            </Alert>
          )}
        </Box>
      ))}
    </Box>
  );
}
