import { InfoCard } from '@backstage/core-components';
import { Postmortem } from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import { useState } from 'react';
import { UserPicker } from '../UserPicker';

/**
 * The IC's step: tell the owning teams and the configured stakeholders, with a
 * link here; after the meeting, send the internal email section the same way.
 */
export function StakeholdersCard(props: {
  postmortem: Postmortem;
  onNotify: (
    message: 'incident' | 'internal-email',
    recipientRefs: string[],
  ) => Promise<string[] | undefined>;
}) {
  const { postmortem } = props;
  const [extra, setExtra] = useState<string[]>([]);
  const [sentTo, setSentTo] = useState<string[]>();
  const afterMeeting =
    postmortem.status === 'reviewed' || postmortem.status === 'closed';

  async function notify(message: 'incident' | 'internal-email') {
    const recipients = await props.onNotify(message, extra);
    if (recipients) {
      setSentTo(recipients);
      setExtra([]);
    }
  }

  return (
    <InfoCard title="Stakeholders">
      <Typography variant="body2" paragraph>
        Sends a notification (and email) with a link to this post-mortem to the
        owning teams, the stakeholders configured for{' '}
        {postmortem.incidentSeverity}, and anyone added here.
      </Typography>
      <Box display="flex" flexWrap="wrap" style={{ gap: 4 }} mb={1}>
        {extra.map(ref => (
          <Chip
            key={ref}
            size="small"
            label={ref}
            onDelete={() => setExtra(extra.filter(r => r !== ref))}
          />
        ))}
      </Box>
      <UserPicker
        label="Also tell"
        exclude={extra}
        onPick={ref => setExtra([...extra, ref])}
      />
      <Box display="flex" style={{ gap: 8 }} mt={1} flexWrap="wrap">
        <Button variant="outlined" onClick={() => notify('incident')}>
          Notify stakeholders
        </Button>
        <Button
          variant="outlined"
          disabled={!afterMeeting || !postmortem.content.internalEmail.trim()}
          title={
            afterMeeting
              ? 'Sends the internal email section'
              : 'The internal email goes out after the meeting (Reviewed)'
          }
          onClick={() => notify('internal-email')}
        >
          Send internal email
        </Button>
      </Box>
      {postmortem.stakeholdersNotifiedAt && (
        <Typography
          variant="caption"
          component="p"
          data-testid="stakeholders-notified"
        >
          Stakeholders notified{' '}
          {DateTime.fromISO(postmortem.stakeholdersNotifiedAt).toRelative()}
          {sentTo ? `: ${sentTo.join(', ')}` : ''}
        </Typography>
      )}
      {postmortem.internalEmailSentAt && (
        <Typography variant="caption" component="p">
          Internal email sent{' '}
          {DateTime.fromISO(postmortem.internalEmailSentAt).toRelative()}
        </Typography>
      )}
    </InfoCard>
  );
}
