import { parseEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  POSTMORTEM_STATUS_TITLES,
  POSTMORTEM_STATUSES,
  TeamOverview,
} from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import { incidentRouteRef, postmortemRouteRef } from '../../routes';
import { MeetingStateChip } from '../Postmortem/MeetingStateChip';
import { SeverityChip } from '../SeverityChip';

function day(iso: string | null) {
  return iso
    ? DateTime.fromISO(iso, { zone: 'utc' }).toFormat('d LLL yyyy')
    : 'after resolution';
}

/** Post-mortems in progress with their meeting deadline, those missing, and the period's by status. */
export function TeamPostmortems(props: {
  postmortems: TeamOverview['postmortems'];
}) {
  const { open, missing, countsByStatus } = props.postmortems;
  const postmortemLink = useRouteRef(postmortemRouteRef);
  const incidentLink = useRouteRef(incidentRouteRef);
  return (
    <InfoCard
      title="Post-mortems"
      subheader={`In the period: ${POSTMORTEM_STATUSES.map(
        s =>
          `${countsByStatus[s]} ${POSTMORTEM_STATUS_TITLES[s].toLowerCase()}`,
      ).join(', ')}`}
    >
      {missing.length > 0 && (
        <Box mb={2}>
          <Typography variant="subtitle2">Missing</Typography>
          {missing.map(m => (
            <Box
              key={m.incidentId}
              display="flex"
              alignItems="center"
              style={{ gap: 8 }}
              py={0.5}
              data-testid="team-postmortem-missing"
            >
              <SeverityChip severity={m.incidentSeverity} />
              <Link to={incidentLink({ incidentId: m.incidentId })}>
                {m.incidentTitle}
              </Link>
              <Chip
                size="small"
                label="Post-mortem missing"
                style={{ backgroundColor: '#c62828', color: '#fff' }}
              />
            </Box>
          ))}
        </Box>
      )}
      <Typography variant="subtitle2">In progress</Typography>
      {open.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No post-mortem is in draft or in review.
        </Typography>
      )}
      {open.map(p => (
        <Box
          key={p.id}
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 8 }}
          py={0.5}
          data-testid="team-postmortem"
        >
          <SeverityChip severity={p.incidentSeverity} />
          <Link to={postmortemLink({ incidentId: p.incidentId })}>
            {p.incidentTitle}
          </Link>
          <Typography variant="caption" color="textSecondary">
            {POSTMORTEM_STATUS_TITLES[p.status]} ·{' '}
            {parseEntityRef(p.ownerRef).name} · meeting due by{' '}
            {day(p.meetingDeadline)}
          </Typography>
          <MeetingStateChip state={p.meetingState} />
        </Box>
      ))}
    </InfoCard>
  );
}
