import { parseEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import {
  ProcessReview,
  processReviewDecideJoinPermission,
} from '@incident-followups/plugin-incident-followups-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';

/** Who takes part; asking to join, and the requests for the ICs to decide. */
export function AttendeesCard(props: {
  review: ProcessReview;
  me: string;
  busy: boolean;
  onAsk: (reason: string) => void;
  onDecide: (requestId: string, decision: 'approve' | 'decline') => void;
}) {
  const { review, me } = props;
  const [reason, setReason] = useState('');
  const over =
    Date.parse(review.scheduledFor) + review.durationMinutes * 60_000 <
    Date.now();
  const { allowed: canDecide } = usePermission({
    permission: processReviewDecideJoinPermission,
    resourceRef: review.id,
  });
  const myRequest = review.joinRequests.find(r => r.userRef === me);
  const attending = review.attendeeRefs.includes(me);
  return (
    <InfoCard
      title="Attendees"
      subheader="The organiser, the period's incident commanders, and everyone approved"
    >
      <Box display="flex" flexWrap="wrap" style={{ gap: 6 }} mb={2}>
        {review.attendeeRefs.length === 0 && (
          <Typography variant="body2" color="textSecondary">
            Nobody yet: no incident of the period had an incident commander.
          </Typography>
        )}
        {review.attendeeRefs.map(ref => (
          <Chip key={ref} size="small" label={parseEntityRef(ref).name} />
        ))}
      </Box>
      {!attending && !myRequest && !over && (
        <Box
          display="flex"
          flexDirection="column"
          style={{ gap: 8 }}
          alignItems="flex-end"
        >
          <TextField
            id="join-reason"
            label="Why you would like to join (optional)"
            fullWidth
            value={reason}
            onChange={e => setReason(e.target.value)}
          />
          <Button
            variant="outlined"
            color="primary"
            disabled={props.busy}
            onClick={() => props.onAsk(reason)}
          >
            Ask to join
          </Button>
        </Box>
      )}
      {myRequest && !attending && (
        <Typography variant="body2" data-testid="my-join-request">
          You asked to join: {myRequest.status}.
        </Typography>
      )}
      {review.joinRequests.length > 0 && (
        <Box mt={2}>
          <Typography variant="subtitle2">Requests to join</Typography>
          {review.joinRequests.map(request => (
            <Box
              key={request.id}
              display="flex"
              alignItems="center"
              style={{ gap: 8 }}
              py={0.5}
              data-testid="join-request"
            >
              <Typography variant="body2" style={{ flex: 1 }}>
                {parseEntityRef(request.userRef).name}
                {request.reason ? `: ${request.reason}` : ''}
              </Typography>
              {request.status === 'pending' && canDecide ? (
                <>
                  <Button
                    size="small"
                    color="primary"
                    disabled={props.busy}
                    onClick={() => props.onDecide(request.id, 'approve')}
                  >
                    Approve
                  </Button>
                  <Button
                    size="small"
                    disabled={props.busy}
                    onClick={() => props.onDecide(request.id, 'decline')}
                  >
                    Decline
                  </Button>
                </>
              ) : (
                <Chip size="small" label={request.status} />
              )}
            </Box>
          ))}
        </Box>
      )}
    </InfoCard>
  );
}
