import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { DateTime } from 'luxon';
import { useState } from 'react';

export interface NewProcessReview {
  title: string;
  scheduledFor: string;
  durationMinutes: number;
  periodSince?: string;
}

/** "2026-12-03T15:00" in the browser's time zone, as `datetime-local` inputs take it. */
function localInput(date: DateTime) {
  return date.toFormat("yyyy-LL-dd'T'HH:mm");
}

/** Schedules a process review; the period defaults to "since the previous meeting". */
export function NewProcessReviewDialog(props: {
  open: boolean;
  busy: boolean;
  onClose: () => void;
  onCreate: (review: NewProcessReview) => void;
}) {
  const [title, setTitle] = useState('Process review');
  const [when, setWhen] = useState(() =>
    localInput(DateTime.now().plus({ days: 7 }).set({ hour: 15, minute: 0 })),
  );
  const [duration, setDuration] = useState(60);
  const [since, setSince] = useState('');
  const scheduled = DateTime.fromISO(when);
  const valid = title.trim() !== '' && scheduled.isValid && duration >= 15;
  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm">
      <DialogTitle>New process review</DialogTitle>
      <DialogContent>
        <DialogContentText>
          The agenda builds itself from the incidents resolved in the period it
          covers; the period's incident commanders are invited.
        </DialogContentText>
        <TextField
          id="process-review-title"
          label="Title"
          fullWidth
          margin="normal"
          value={title}
          onChange={e => setTitle(e.target.value)}
        />
        <TextField
          id="process-review-when"
          label="Date and time"
          type="datetime-local"
          fullWidth
          margin="normal"
          InputLabelProps={{ shrink: true }}
          value={when}
          onChange={e => setWhen(e.target.value)}
        />
        <TextField
          id="process-review-duration"
          label="Duration (minutes)"
          type="number"
          fullWidth
          margin="normal"
          inputProps={{ min: 15, max: 480, step: 15 }}
          value={duration}
          onChange={e => setDuration(Number(e.target.value))}
        />
        <TextField
          id="process-review-since"
          label="Period starts"
          type="datetime-local"
          fullWidth
          margin="normal"
          InputLabelProps={{ shrink: true }}
          helperText="Empty: since the previous meeting's period ended (or 30 days back)"
          value={since}
          onChange={e => setSince(e.target.value)}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!valid || props.busy}
          onClick={() =>
            props.onCreate({
              title: title.trim(),
              scheduledFor: scheduled.toUTC().toISO()!,
              durationMinutes: duration,
              periodSince: since
                ? DateTime.fromISO(since).toUTC().toISO()!
                : undefined,
            })
          }
        >
          Schedule
        </Button>
      </DialogActions>
    </Dialog>
  );
}
