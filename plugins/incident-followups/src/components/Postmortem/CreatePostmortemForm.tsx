import { useIncidentPermissions } from '../../permissions/useIncidentPermissions';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { useApi } from '@backstage/core-plugin-api';
import { Postmortem } from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { incidentFollowupsApiRef } from '../../api';
import { UserPicker } from '../UserPicker';

/** Creates the post-mortem with one owner, suggesting people who know the incident best. */
export function CreatePostmortemForm(props: {
  incidentId: string;
  onCreated: (postmortem: Postmortem) => void;
}) {
  const api = useApi(incidentFollowupsApiRef);
  const { editPostmortem: allowed } = useIncidentPermissions(props.incidentId);
  const { value: suggestions = [] } = useAsync(
    () => api.suggestPostmortemOwners(props.incidentId),
    [api, props.incidentId],
  );
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  async function create(ownerRef: string) {
    setBusy(true);
    try {
      props.onCreated(await api.createPostmortem(props.incidentId, ownerRef));
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }

  if (!allowed) {
    return (
      <Typography variant="body2" color="textSecondary">
        You don't have permission to create this incident's post-mortem.
      </Typography>
    );
  }
  return (
    <Box>
      {suggestions.length > 0 && (
        <>
          <Typography variant="subtitle2">Suggested owners</Typography>
          {suggestions.map(s => (
            <Box
              key={s.userRef}
              display="flex"
              alignItems="center"
              style={{ gap: 8 }}
              mt={1}
            >
              <Box flex={1}>
                <EntityRefLink entityRef={s.userRef} />
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="p"
                >
                  {s.reason}
                </Typography>
              </Box>
              <Button
                size="small"
                variant="outlined"
                disabled={busy}
                onClick={() => create(s.userRef)}
                aria-label={`Create the post-mortem owned by ${s.userRef}`}
              >
                Make owner
              </Button>
            </Box>
          ))}
        </>
      )}
      <Box mt={2}>
        <UserPicker label="Or pick any owner" disabled={busy} onPick={create} />
      </Box>
      {error && (
        <Alert severity="error" style={{ marginTop: 8 }}>
          {error.message}
        </Alert>
      )}
    </Box>
  );
}
