import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { teamFollowupsRouteRef } from '../../routes';
import { periodStart } from './periodStart';
import { useTeamOverview } from './useTeamOverview';

function Line(props: { label: string; value: number; alarm?: boolean }) {
  return (
    <Box display="flex" justifyContent="space-between" py={0.5}>
      <Typography variant="body2">{props.label}</Typography>
      <Typography
        variant="body2"
        style={{
          fontWeight: 600,
          color: props.alarm && props.value > 0 ? '#c62828' : undefined,
        }}
      >
        {props.value}
      </Typography>
    </Box>
  );
}

/**
 * On a group's page: what the group (with its child groups) owes after
 * incidents, with a link to the team followups page.
 *
 * @public
 */
export function TeamFollowupsCard() {
  const { entity } = useEntity();
  const teamRef = stringifyEntityRef(entity);
  const teamLink = useRouteRef(teamFollowupsRouteRef);
  const [since] = useState(() => periodStart(90));
  // The card shows counts only: no lists, no weekly trend.
  const { overview, error } = useTeamOverview({
    teamRef,
    since,
    followupLimit: 0,
    postmortemLimit: 0,
    weeks: false,
  });
  return (
    <InfoCard
      title="Incident followups"
      subheader="This team and its child groups"
      deepLink={{
        title: 'Open the team overview',
        link: `${teamLink()}?team=${encodeURIComponent(teamRef)}`,
      }}
    >
      {error && <ResponseErrorPanel error={error} />}
      {!overview && !error && <Progress />}
      {overview && (
        <Box data-testid="team-followups-card">
          <Line label="Open followups" value={overview.followups.totalCount} />
          <Line label="Overdue" value={overview.followups.overdueCount} alarm />
          <Line
            label="Unassigned role steps"
            value={overview.followups.unassignedCount}
            alarm
          />
          <Line
            label="Post-mortems in progress"
            value={overview.postmortems.openCount}
          />
          <Line
            label="Post-mortems late"
            value={overview.postmortems.lateCount}
            alarm
          />
          <Line
            label="Post-mortems missing"
            value={overview.postmortems.missingCount}
            alarm
          />
          <Line
            label="Incidents in the last 90 days"
            value={overview.incidents.total}
          />
        </Box>
      )}
    </InfoCard>
  );
}
