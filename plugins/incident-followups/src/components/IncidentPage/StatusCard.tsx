import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import {
  IncidentDetail,
  SEVERITIES,
  Severity,
} from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import { IncidentChanges } from '../../api/IncidentFollowupsApi';
import { IncidentStatusLabel } from '../IncidentStatusLabel';
import { SeverityChip } from '../SeverityChip';

type Change = Omit<IncidentChanges, 'version'>;

/** The incident's status and severity, and the steps that move it on. */
export function StatusCard(props: {
  incident: IncidentDetail;
  busy: boolean;
  /** Absent when the user may not change the incident. */
  onChange?: (change: Change) => Promise<boolean>;
}) {
  const { incident, busy, onChange } = props;
  const [resolving, setResolving] = useState(false);
  const [finalSeverity, setFinalSeverity] = useState<Severity>(
    incident.finalSeverity ?? incident.severity,
  );

  return (
    <InfoCard title="Status">
      <Box display="flex" alignItems="center" style={{ gap: 12 }} mb={2}>
        <IncidentStatusLabel status={incident.status} />
        <SeverityChip
          severity={incident.severity}
          finalSeverity={incident.finalSeverity}
        />
      </Box>
      {!onChange && (
        <Typography variant="body2" color="textSecondary">
          You don't have permission to change this incident.
        </Typography>
      )}
      {onChange && (
        <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
          {incident.status === 'triggered' && (
            <Button
              variant="outlined"
              disabled={busy}
              onClick={() => onChange({ status: 'acknowledged' })}
            >
              Acknowledge
            </Button>
          )}
          {incident.status !== 'resolved' && (
            <Button
              variant="contained"
              color="primary"
              disabled={busy}
              onClick={() => setResolving(true)}
            >
              Resolve
            </Button>
          )}
          {incident.status === 'resolved' && (
            <Button
              variant="outlined"
              disabled={busy}
              onClick={() => onChange({ status: 'acknowledged' })}
            >
              Reopen
            </Button>
          )}
          {incident.status !== 'resolved' && (
            <TextField
              select
              size="small"
              variant="outlined"
              id="incident-severity"
              label="Severity"
              value={incident.severity}
              disabled={busy}
              onChange={e => onChange({ severity: e.target.value as Severity })}
              style={{ minWidth: 120 }}
            >
              {SEVERITIES.map(s => (
                <MenuItem key={s} value={s}>
                  {s}
                </MenuItem>
              ))}
            </TextField>
          )}
        </Box>
      )}
      <Dialog
        open={resolving && !!onChange}
        onClose={() => setResolving(false)}
      >
        <DialogTitle>Resolve this incident</DialogTitle>
        <DialogContent>
          <DialogContentText>
            Set the final severity: the one the incident turned out to have. It
            may be lower than the {incident.severity} it was first reported
            with.
          </DialogContentText>
          <TextField
            select
            id="final-severity"
            label="Final severity"
            value={finalSeverity}
            onChange={e => setFinalSeverity(e.target.value as Severity)}
            fullWidth
          >
            {SEVERITIES.map(s => (
              <MenuItem key={s} value={s}>
                {s}
              </MenuItem>
            ))}
          </TextField>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setResolving(false)}>Cancel</Button>
          <Button
            color="primary"
            variant="contained"
            disabled={busy}
            onClick={async () => {
              // A failure shows on the page, with a way to reload.
              await onChange?.({ status: 'resolved', finalSeverity });
              setResolving(false);
            }}
          >
            Resolve as {finalSeverity}
          </Button>
        </DialogActions>
      </Dialog>
    </InfoCard>
  );
}
