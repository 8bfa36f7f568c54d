import {
  dueState,
  Followup,
  isFollowupOpen,
} from '@incident-followups/plugin-incident-followups-common';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { DateTime } from 'luxon';

const useStyles = makeStyles(theme => ({
  overdue: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  soon: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
}));

/** When a followup is due, flagged when it is overdue or due within two days. */
export function DueBadge(props: {
  followup: Pick<Followup, 'dueAt' | 'status'>;
}) {
  const classes = useStyles();
  const { dueAt } = props.followup;
  if (!dueAt) {
    return (
      <Typography variant="caption" color="textSecondary">
        No due date
      </Typography>
    );
  }
  const label = `Due ${DateTime.fromISO(dueAt, { zone: 'utc' }).toFormat(
    'd LLL yyyy',
  )}`;
  if (!isFollowupOpen(props.followup)) {
    return <Typography variant="caption">{label}</Typography>;
  }
  const state = dueState(dueAt);
  if (state === 'overdue') {
    return (
      <Chip
        size="small"
        className={classes.overdue}
        label={`Overdue · ${label}`}
      />
    );
  }
  if (state === 'due-soon') {
    return (
      <Chip
        size="small"
        className={classes.soon}
        label={`Due soon · ${label}`}
      />
    );
  }
  return <Typography variant="caption">{label}</Typography>;
}
