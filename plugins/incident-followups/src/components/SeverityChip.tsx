import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import {
  isMajorSeverity,
  Severity,
} from '@incident-followups/plugin-incident-followups-common';

const useStyles = makeStyles(theme => ({
  major: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
    fontWeight: 600,
  },
  minor: {
    backgroundColor: theme.palette.warning.light,
    color: theme.palette.getContrastText(theme.palette.warning.light),
  },
}));

/** A severity, red for major incidents (SEV-1 and SEV-2). */
export function SeverityChip(props: { severity: Severity }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={props.severity}
      className={
        isMajorSeverity(props.severity) ? classes.major : classes.minor
      }
    />
  );
}
