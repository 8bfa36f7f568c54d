import { parseEntityRef } from '@backstage/catalog-model';
import { EmptyState, InfoCard, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  Followup,
  FollowupStatus,
} from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { useState } from 'react';
import { incidentRouteRef } from '../../routes';
import { DueBadge } from '../followups/DueBadge';
import { FollowupRow } from '../followups/FollowupRow';
import { ShowMoreButton } from '../followups/ShowMoreButton';
import { followupKind } from '../followups/followupText';
import { SeverityChip } from '../SeverityChip';

type Grouping = 'incident' | 'owner';

function ownerName(ownerRef: string | null) {
  return ownerRef ? parseEntityRef(ownerRef).name : 'Unassigned';
}

/** Groups in the order of their most urgent followup (the list comes overdue first). */
function groupsOf(followups: Followup[], by: Grouping) {
  const groups = new Map<string, Followup[]>();
  for (const followup of followups) {
    const key =
      by === 'incident' ? followup.incidentId : followup.ownerRef ?? '';
    groups.set(key, [...(groups.get(key) ?? []), followup]);
  }
  return [...groups.entries()];
}

/** The team's followups, by incident or by owner, overdue first; the next ones page by page. */
export function TeamFollowupsList(props: {
  followups: Followup[];
  totalCount: number;
  /** Loads the next page; absent when all are listed. */
  onShowMore?: () => void;
  busy: boolean;
  onStatus: (
    followup: Followup,
    status: FollowupStatus,
    wontDoReason?: string,
  ) => void;
}) {
  const [by, setBy] = useState<Grouping>('incident');
  const incidentLink = useRouteRef(incidentRouteRef);
  const shown = props.followups.length;
  return (
    <InfoCard
      title="Followups"
      subheader={
        props.totalCount > shown
          ? `The ${shown} most urgent of ${props.totalCount}`
          : `${props.totalCount}, overdue first`
      }
      action={
        <ToggleButtonGroup
          size="small"
          exclusive
          value={by}
          onChange={(_, value) => value && setBy(value)}
        >
          <ToggleButton value="incident">By incident</ToggleButton>
          <ToggleButton value="owner">By owner</ToggleButton>
        </ToggleButtonGroup>
      }
    >
      {shown === 0 && (
        <EmptyState
          missing="data"
          title="Nothing owed"
          description="No followup of this team matches the filters."
        />
      )}
      {groupsOf(props.followups, by).map(([key, items]) => (
        <Box key={key || 'unassigned'} mb={2} data-testid="team-followup-group">
          <Box
            display="flex"
            alignItems="center"
            style={{ gap: 8 }}
            data-testid="team-followup-group-title"
          >
            {by === 'incident' ? (
              <>
                <SeverityChip severity={items[0].incidentSeverity} />
                <Link to={incidentLink({ incidentId: items[0].incidentId })}>
                  <Typography variant="subtitle1" component="span">
                    {items[0].incidentTitle}
                  </Typography>
                </Link>
              </>
            ) : (
              <Typography variant="subtitle1">
                {ownerName(items[0].ownerRef)}
              </Typography>
            )}
          </Box>
          {items.map(item => (
            <FollowupRow
              key={item.id}
              followup={item}
              testId="team-followup"
              busy={props.busy}
              onStatus={props.onStatus}
              details={
                <>
                  <Typography variant="caption" color="textSecondary">
                    {followupKind(item)}
                    {' · '}
                    {by === 'incident'
                      ? ownerName(item.ownerRef)
                      : item.incidentTitle}
                  </Typography>
                  <DueBadge followup={item} />
                </>
              }
            />
          ))}
        </Box>
      ))}
      {props.onShowMore && (
        <ShowMoreButton
          left={props.totalCount - shown}
          busy={props.busy}
          onClick={props.onShowMore}
        />
      )}
    </InfoCard>
  );
}
