import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
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

/**
 * A severity, red for major incidents (SEV-1 and SEV-2). With a final severity
 * that differs, the final one shows and the first one is in the tooltip.
 */
export function SeverityChip(props: {
  severity: Severity;
  finalSeverity?: Severity | null;
}) {
  const classes = useStyles();
  const shown = props.finalSeverity ?? props.severity;
  const chip = (
    <Chip
      size="small"
      label={shown}
      className={isMajorSeverity(shown) ? classes.major : classes.minor}
    />
  );
  if (props.finalSeverity && props.finalSeverity !== props.severity) {
    return (
      <Tooltip title={`Final severity; first reported as ${props.severity}`}>
        {chip}
      </Tooltip>
    );
  }
  return chip;
}
