import {
  Content,
  EmptyState,
  Header,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  identityApiRef,
  useApi,
  useRouteRef,
} from '@backstage/core-plugin-api';
import { OPEN_FOLLOWUP_STATUSES } from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { incidentRouteRef } from '../../routes';
import { DueBadge } from '../followups/DueBadge';
import { FollowupRow } from '../followups/FollowupRow';
import { followupKind } from '../followups/followupText';
import { useFollowups } from '../followups/useFollowups';
import {
  FOLLOWUPS_PER_PAGE,
  ShowMoreButton,
} from '../followups/ShowMoreButton';
import { SeverityChip } from '../SeverityChip';

/** Why an item is on the list when it is not the user's own. */
function ownership(ownerRef: string | null) {
  if (ownerRef === null) {
    return ' · unassigned, for you to hand out as incident commander';
  }
  if (ownerRef.startsWith('group:')) {
    return ` · owned by your team ${parseEntityRef(ownerRef).name}`;
  }
  return '';
}

function MyFollowupsList(props: { userRef: string; showClosed: boolean }) {
  const incidentLink = useRouteRef(incidentRouteRef);
  const query = {
    assigneeRef: props.userRef,
    statuses: props.showClosed ? undefined : [...OPEN_FOLLOWUP_STATUSES],
    order: 'urgency' as const,
    limit: FOLLOWUPS_PER_PAGE,
  };
  // The most urgent first, from the backend, page by page.
  const { followups, totalCount, showMore, error, busy, setStatus } =
    useFollowups(
      api => api.listFollowups(query),
      `${props.userRef} ${props.showClosed}`,
      (api, cursor) => api.listFollowups({ ...query, cursor }),
    );
  if (error && !followups) return <ResponseErrorPanel error={error} />;
  if (!followups) return <Progress />;
  if (followups.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="Nothing owed"
        description="You have no open followups: no checklist step and no action item waits for you or your teams."
      />
    );
  }
  const incidents = [...new Set(followups.map(f => f.incidentId))];
  return (
    <>
      {error && <ResponseErrorPanel error={error} />}
      {totalCount !== undefined && totalCount > followups.length && (
        <Typography variant="body2" color="textSecondary" paragraph>
          The {followups.length} most urgent of {totalCount}.
        </Typography>
      )}
      {incidents.map(incidentId => {
        const items = followups.filter(f => f.incidentId === incidentId);
        const first = items[0];
        return (
          <Box mb={2} key={incidentId}>
            <Card>
              <CardContent>
                <Box
                  display="flex"
                  alignItems="center"
                  style={{ gap: 8 }}
                  mb={1}
                >
                  <SeverityChip severity={first.incidentSeverity} />
                  <Link to={incidentLink({ incidentId })}>
                    <Typography variant="h6" component="span">
                      {first.incidentTitle}
                    </Typography>
                  </Link>
                </Box>
                {items.map(item => (
                  <FollowupRow
                    key={item.id}
                    followup={item}
                    testId="my-followup"
                    busy={busy}
                    onStatus={setStatus}
                    details={
                      <>
                        <Typography variant="caption" color="textSecondary">
                          {followupKind(item)}
                          {ownership(item.ownerRef)}
                        </Typography>
                        <DueBadge followup={item} />
                      </>
                    }
                  />
                ))}
              </CardContent>
            </Card>
          </Box>
        );
      })}
      {showMore && totalCount !== undefined && (
        <ShowMoreButton
          left={totalCount - followups.length}
          busy={busy}
          onClick={showMore}
        />
      )}
    </>
  );
}

/**
 * My followups: what the signed-in user owes after incidents, overdue first.
 *
 * @public
 */
export function MyFollowupsPage() {
  const identityApi = useApi(identityApiRef);
  const [showClosed, setShowClosed] = useState(false);
  const { value: identity, error } = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  return (
    <Page themeId="tool">
      <Header
        title="My followups"
        subtitle="What you owe after incidents: your roles' checklist steps, your action items and your teams', overdue first"
      />
      <Content>
        <FormControlLabel
          control={
            <Switch
              checked={showClosed}
              onChange={e => setShowClosed(e.target.checked)}
            />
          }
          label="Show done and won't do"
        />
        {error && <ResponseErrorPanel error={error} />}
        {identity && (
          <MyFollowupsList
            userRef={identity.userEntityRef}
            showClosed={showClosed}
          />
        )}
      </Content>
    </Page>
  );
}
