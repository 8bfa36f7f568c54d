import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { IncidentFeedback } from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Rating from '@material-ui/lab/Rating';
import { useEffect, useState } from 'react';
import { incidentFollowupsApiRef } from '../../api/IncidentFollowupsApi';

/** Once resolved: how did the response go (1-5), and why; the process review reads it. */
export function ResponseFeedbackCard(props: { incidentId: string }) {
  const api = useApi(incidentFollowupsApiRef);
  const [feedback, setFeedback] = useState<IncidentFeedback>();
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.getFeedback(props.incidentId).then(loaded => {
      setFeedback(loaded);
      setRating(loaded.mine?.rating ?? null);
      setComment(loaded.mine?.comment ?? '');
    }, setError);
  }, [api, props.incidentId]);

  const save = async () => {
    if (!rating) return;
    setBusy(true);
    try {
      setFeedback(
        await api.saveFeedback(props.incidentId, { rating, comment }),
      );
      setError(undefined);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <InfoCard
      title="How did the response go?"
      subheader="Your rating goes to the next process review"
    >
      {error && <ResponseErrorPanel error={error} />}
      {feedback && (
        <Typography variant="body2" color="textSecondary" gutterBottom>
          {feedback.average === null
            ? 'No rating yet.'
            : `${feedback.average} / 5 from ${feedback.count} responders`}
        </Typography>
      )}
      <Rating
        name="response-rating"
        value={rating}
        onChange={(_, value) => setRating(value)}
      />
      <TextField
        id="response-feedback-comment"
        label="Why (optional)"
        fullWidth
        multiline
        value={comment}
        onChange={e => setComment(e.target.value)}
      />
      <Box mt={1} display="flex" justifyContent="flex-end">
        <Button
          color="primary"
          variant="outlined"
          disabled={!rating || busy}
          onClick={save}
        >
          {feedback?.mine ? 'Update my rating' : 'Rate the response'}
        </Button>
      </Box>
    </InfoCard>
  );
}
