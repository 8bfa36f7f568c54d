import {
  Followup,
  FOLLOWUP_STATUSES,
  FollowupStatus,
  followupUpdatePermission,
} from '@incident-followups/plugin-incident-followups-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Tooltip from '@material-ui/core/Tooltip';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';

export const FOLLOWUP_STATUS_TITLES: Record<FollowupStatus, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  'wont-do': "Won't do",
};

/** Changes a followup's status; won't do asks why. */
export function FollowupStatusSelect(props: {
  followup: Followup;
  disabled?: boolean;
  onChange: (status: FollowupStatus, wontDoReason?: string) => void;
}) {
  const { followup } = props;
  const { allowed, loading } = usePermission({
    permission: followupUpdatePermission,
    resourceRef: followup.incidentId,
  });
  const [askingReason, setAskingReason] = useState(false);
  const [reason, setReason] = useState('');
  const refused = !loading && !allowed;
  return (
    <>
      <Tooltip
        title={
          refused ? "You don't have permission to change this followup" : ''
        }
      >
        <span>
          <TextField
            select
            size="small"
            value={followup.status}
            disabled={props.disabled || !allowed}
            inputProps={{ 'aria-label': `Status of ${followup.title}` }}
            onChange={e => {
              const status = e.target.value as FollowupStatus;
              if (status === 'wont-do') setAskingReason(true);
              else props.onChange(status);
            }}
          >
            {FOLLOWUP_STATUSES.map(status => (
              <MenuItem key={status} value={status}>
                {FOLLOWUP_STATUS_TITLES[status]}
              </MenuItem>
            ))}
          </TextField>
        </span>
      </Tooltip>
      <Dialog
        open={askingReason}
        onClose={() => setAskingReason(false)}
        fullWidth
        maxWidth="sm"
      >
        <DialogTitle>Why won't this be done?</DialogTitle>
        <DialogContent>
          <TextField
            id="wont-do-reason"
            label="Reason"
            value={reason}
            onChange={e => setReason(e.target.value)}
            fullWidth
            multiline
            minRows={2}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAskingReason(false)}>Cancel</Button>
          <Button
            color="primary"
            variant="contained"
            disabled={!reason.trim()}
            onClick={() => {
              setAskingReason(false);
              props.onChange('wont-do', reason.trim());
            }}
          >
            Mark won't do
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
