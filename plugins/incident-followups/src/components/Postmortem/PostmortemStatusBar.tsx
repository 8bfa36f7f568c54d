import {
  allowedTransitions,
  Postmortem,
  PostmortemStatus,
  POSTMORTEM_STATUS_TITLES,
  POSTMORTEM_STATUSES,
} from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Step from '@material-ui/core/Step';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import Typography from '@material-ui/core/Typography';
import { SaveState } from './usePostmortemEditor';

const SAVE_LABELS: Record<SaveState, string> = {
  saved: 'All changes saved',
  unsaved: 'Unsaved changes…',
  saving: 'Saving…',
  conflict: 'Someone else changed this too: see below',
  error: 'Not saved',
};

const FORWARD_LABELS: Record<PostmortemStatus, string> = {
  draft: 'Draft',
  'in-review': 'Ready for review',
  reviewed: 'Meeting held: mark reviewed',
  closed: 'Close',
};
const BACK_LABELS: Record<PostmortemStatus, string> = {
  draft: 'Back to draft',
  'in-review': 'Back to review',
  reviewed: 'Reopen',
  closed: 'Close',
};

/** Where the post-mortem stands, the moves it allows now, and the save state. */
export function PostmortemStatusBar(props: {
  postmortem: Postmortem;
  saveState: SaveState;
  /** Absent when the user may not move the post-mortem on. */
  onTransition?: (to: PostmortemStatus) => void;
  onExport: () => void;
  /** The page says once that the user only reads; nothing to save either. */
  readOnly?: boolean;
}) {
  const { postmortem, onTransition } = props;
  const allowed = allowedTransitions(postmortem);
  const blockedClose =
    postmortem.status === 'reviewed' && !allowed.includes('closed');
  return (
    <Box mb={2}>
      <Stepper
        activeStep={POSTMORTEM_STATUSES.indexOf(postmortem.status)}
        alternativeLabel
        style={{ padding: 8, background: 'transparent' }}
      >
        {POSTMORTEM_STATUSES.map(status => (
          <Step
            key={status}
            completed={
              POSTMORTEM_STATUSES.indexOf(status) <
                POSTMORTEM_STATUSES.indexOf(postmortem.status) ||
              postmortem.status === 'closed'
            }
          >
            <StepLabel>{POSTMORTEM_STATUS_TITLES[status]}</StepLabel>
          </Step>
        ))}
      </Stepper>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
        className="no-print"
      >
        {!onTransition && !props.readOnly && (
          <Typography variant="body2" color="textSecondary">
            You don't have permission to move this post-mortem on.
          </Typography>
        )}
        {onTransition &&
          allowed.map(to => (
            <Button
              key={to}
              variant={
                POSTMORTEM_STATUSES.indexOf(to) >
                POSTMORTEM_STATUSES.indexOf(postmortem.status)
                  ? 'contained'
                  : 'outlined'
              }
              color="primary"
              disabled={props.saveState !== 'saved'}
              onClick={() => onTransition(to)}
            >
              {POSTMORTEM_STATUSES.indexOf(to) >
              POSTMORTEM_STATUSES.indexOf(postmortem.status)
                ? FORWARD_LABELS[to]
                : BACK_LABELS[to]}
            </Button>
          ))}
        {blockedClose && (
          <Typography variant="body2" color="textSecondary">
            Closes once the external message is posted to the status page.
          </Typography>
        )}
        <Box flex={1} />
        {!props.readOnly && (
          <Typography
            variant="body2"
            color={props.saveState === 'saved' ? 'textSecondary' : 'error'}
            data-testid="save-state"
          >
            {SAVE_LABELS[props.saveState]}
          </Typography>
        )}
        <Button variant="outlined" onClick={props.onExport}>
          Export Markdown
        </Button>
        <Button variant="outlined" onClick={() => window.print()}>
          Print
        </Button>
      </Box>
    </Box>
  );
}
