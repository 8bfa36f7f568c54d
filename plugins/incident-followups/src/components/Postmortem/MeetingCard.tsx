import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Postmortem } from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import { UserPicker } from '../UserPicker';
import { MeetingStateChip } from './MeetingStateChip';

function local(at: string) {
  return DateTime.fromISO(at).toFormat("ccc d LLL yyyy 'at' HH:mm");
}

/** The owner, the meeting with its deadline, the invitees and the calendar invite. */
export function MeetingCard(props: {
  postmortem: Postmortem;
  meetingScheduledFor: string | null;
  invitees: string[] | null;
  onOwner: (ownerRef: string) => void;
  onMeeting: (at: string | null) => void;
  onInvitees: (refs: string[] | null) => void;
  onDownloadInvite: () => void;
  /** Shown, not editable: the user may not change the post-mortem. */
  readOnly?: boolean;
}) {
  const { postmortem } = props;
  const invitees = props.invitees ?? postmortem.invitees;
  const inputValue = props.meetingScheduledFor
    ? DateTime.fromISO(props.meetingScheduledFor).toFormat("yyyy-LL-dd'T'HH:mm")
    : '';
  return (
    <InfoCard title="Owner and meeting">
      <Typography variant="subtitle2">Owner</Typography>
      <Box display="flex" alignItems="center" style={{ gap: 8 }} mb={1}>
        <EntityRefLink entityRef={postmortem.ownerRef} />
      </Box>
      {!props.readOnly && (
        <Box className="no-print" mb={2}>
          <UserPicker
            label="Change owner"
            exclude={[postmortem.ownerRef]}
            onPick={props.onOwner}
          />
        </Box>
      )}

      <Typography variant="subtitle2">Meeting</Typography>
      <Box display="flex" alignItems="center" style={{ gap: 8 }} mb={1}>
        <MeetingStateChip state={postmortem.meetingState} />
        {postmortem.meetingDeadline && (
          <Typography variant="body2" data-testid="meeting-deadline">
            Deadline {local(postmortem.meetingDeadline)} (
            {postmortem.incidentSeverity === 'SEV-1'
              ? '3 calendar days after resolution'
              : '5 business days after resolution'}
            )
          </Typography>
        )}
      </Box>
      <TextField
        id="meeting-scheduled-for"
        label="Scheduled for (your time)"
        type="datetime-local"
        variant="outlined"
        size="small"
        fullWidth
        InputLabelProps={{ shrink: true }}
        disabled={props.readOnly}
        value={inputValue}
        onChange={e =>
          props.onMeeting(
            e.target.value
              ? DateTime.fromISO(e.target.value).toUTC().toISO()
              : null,
          )
        }
      />
      <Typography variant="caption" color="textSecondary" component="p">
        15-30 minutes, run by the incident commander. Share the draft about 24
        hours before; the owner gets a reminder.
      </Typography>
      <Box mt={1} className="no-print">
        <Button
          size="small"
          variant="outlined"
          disabled={!postmortem.meetingScheduledFor}
          onClick={props.onDownloadInvite}
        >
          Download invite (.ics)
        </Button>
      </Box>

      <Box mt={2}>
        <Typography variant="subtitle2">
          Invitees {props.invitees === null ? '(computed)' : '(edited)'}
        </Typography>
        <Box display="flex" flexWrap="wrap" style={{ gap: 4 }} mt={1}>
          {invitees.map(ref => (
            <Chip
              key={ref}
              size="small"
              label={ref.replace(/^(user|group):default\//, '')}
              title={ref}
              onDelete={
                props.readOnly
                  ? undefined
                  : () =>
                      props.onInvitees(invitees.filter(other => other !== ref))
              }
            />
          ))}
        </Box>
        {!props.readOnly && (
          <Box mt={1} className="no-print">
            <UserPicker
              label="Invite someone"
              exclude={invitees}
              onPick={ref => props.onInvitees([...invitees, ref])}
            />
            {props.invitees !== null && (
              <Button size="small" onClick={() => props.onInvitees(null)}>
                Back to the computed list
              </Button>
            )}
          </Box>
        )}
      </Box>
    </InfoCard>
  );
}
