import { TeamOverview } from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Typography from '@material-ui/core/Typography';

function Figure(props: {
  label: string;
  value: number;
  detail?: string;
  alarm?: boolean;
}) {
  return (
    <Card style={{ flex: '1 1 160px' }} data-testid="team-figure">
      <CardContent>
        <Typography variant="body2" color="textSecondary">
          {props.label}
        </Typography>
        <Typography
          variant="h4"
          style={props.alarm ? { color: '#c62828' } : undefined}
        >
          {props.value}
        </Typography>
        {props.detail && (
          <Typography variant="caption" color="textSecondary">
            {props.detail}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}

/** The team's figures at a glance: what is owed now, and the period's incidents. */
export function TeamSummary(props: { overview: TeamOverview }) {
  const { followups, postmortems, incidents } = props.overview;
  const late = postmortems.lateCount;
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={3}>
      <Figure
        label="Open followups"
        value={followups.totalCount}
        detail={`${followups.overdueCount} overdue, ${followups.dueSoonCount} due soon`}
        alarm={followups.overdueCount > 0}
      />
      <Figure
        label="Unassigned role steps"
        value={followups.unassignedCount}
        detail="for the incident commanders to hand out"
        alarm={followups.unassignedCount > 0}
      />
      <Figure
        label="Post-mortems in progress"
        value={postmortems.openCount}
        detail={`${late} late`}
        alarm={late > 0}
      />
      <Figure
        label="Post-mortems missing"
        value={postmortems.missingCount}
        detail="SEV-1 and SEV-2 incidents without one"
        alarm={postmortems.missingCount > 0}
      />
      <Figure
        label="Incidents in the period"
        value={incidents.total}
        detail={`${incidents.bySeverity['SEV-1']} SEV-1, ${incidents.bySeverity['SEV-2']} SEV-2`}
      />
    </Box>
  );
}
