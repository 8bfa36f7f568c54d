import { useApi } from '@backstage/core-plugin-api';
import {
  IncidentWriteResult,
  SEVERITIES,
  Severity,
} from '@incident-followups/plugin-incident-followups-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { DateTime } from 'luxon';
import { useState } from 'react';
import { incidentFollowupsApiRef } from '../../api/IncidentFollowupsApi';

/** A form for an incident typed in by hand, affecting the given entity. */
export function NewIncidentDialog(props: {
  open: boolean;
  entityRef: string;
  entityTitle: string;
  onClose: () => void;
  onCreated: (incident: IncidentWriteResult) => void;
}) {
  const api = useApi(incidentFollowupsApiRef);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [severity, setSeverity] = useState<Severity>('SEV-3');
  const [startedAt, setStartedAt] = useState(() =>
    DateTime.now().toFormat("yyyy-LL-dd'T'HH:mm"),
  );
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  async function create() {
    setSaving(true);
    setError(undefined);
    try {
      const incident = await api.createIncident({
        title,
        description,
        severity,
        startedAt: DateTime.fromISO(startedAt).toUTC().toISO()!,
        entityRefs: [props.entityRef],
      });
      props.onCreated(incident);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm">
      <DialogTitle>New incident affecting {props.entityTitle}</DialogTitle>
      <DialogContent>
        {error && <Alert severity="error">{error}</Alert>}
        <TextField
          id="new-incident-title"
          label="Title"
          value={title}
          onChange={e => setTitle(e.target.value)}
          required
          fullWidth
          margin="normal"
          inputProps={{ maxLength: 300 }}
        />
        <TextField
          id="new-incident-description"
          label="Description"
          value={description}
          onChange={e => setDescription(e.target.value)}
          fullWidth
          multiline
          minRows={3}
          margin="normal"
        />
        <TextField
          id="new-incident-severity"
          select
          label="Severity"
          value={severity}
          onChange={e => setSeverity(e.target.value as Severity)}
          margin="normal"
          helperText="When unsure, pick the higher severity; it can be lowered when the incident is resolved."
          fullWidth
        >
          {SEVERITIES.map(s => (
            <MenuItem key={s} value={s}>
              {s}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          id="new-incident-started-at"
          label="Started at (your local time)"
          type="datetime-local"
          value={startedAt}
          onChange={e => setStartedAt(e.target.value)}
          margin="normal"
          fullWidth
          InputLabelProps={{ shrink: true }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={create}
          disabled={saving || !title.trim() || !startedAt}
        >
          Create incident
        </Button>
      </DialogActions>
    </Dialog>
  );
}
