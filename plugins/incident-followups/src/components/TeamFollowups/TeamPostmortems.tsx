import { parseEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  MissingPostmortem,
  Page,
  POSTMORTEM_STATUS_TITLES,
  POSTMORTEM_STATUSES,
  Severity,
  TeamOverview,
  TeamPostmortem,
} from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import { ReactNode, useCallback, useMemo } from 'react';
import {
  incidentFollowupsApiRef,
  TeamOverviewOptions,
} from '../../api/IncidentFollowupsApi';
import { incidentRouteRef, postmortemRouteRef } from '../../routes';
import { MeetingStateChip } from '../Postmortem/MeetingStateChip';
import { ShowMoreButton } from '../MorePagesButton';
import { SeverityChip } from '../SeverityChip';
import { useLaterPages } from '../useLaterPages';

function day(iso: string | null) {
  return iso
    ? DateTime.fromISO(iso, { zone: 'utc' }).toFormat('d LLL yyyy')
    : 'after resolution';
}

/** Post-mortems in progress and missing listed at first; the rest 25 at a time. */
export const POSTMORTEMS_AT_FIRST = 10;
const POSTMORTEMS_PER_PAGE = 25;

/** One line of a list: the incident's severity and linked title, then what is said of it. */
function IncidentLine(props: {
  testId: string;
  severity: Severity;
  to: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <Box
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      style={{ gap: 8 }}
      py={0.5}
      data-testid={props.testId}
    >
      <SeverityChip severity={props.severity} />
      <Link to={props.to}>{props.title}</Link>
      {props.children}
    </Box>
  );
}

function MissingPostmortemRow(props: { missing: MissingPostmortem }) {
  const { missing: m } = props;
  const incidentLink = useRouteRef(incidentRouteRef);
  return (
    <IncidentLine
      testId="team-postmortem-missing"
      severity={m.incidentSeverity}
      to={incidentLink({ incidentId: m.incidentId })}
      title={m.incidentTitle}
    >
      <Chip
        size="small"
        label="Post-mortem missing"
        style={{ backgroundColor: '#c62828', color: '#fff' }}
      />
    </IncidentLine>
  );
}

function OpenPostmortemRow(props: { postmortem: TeamPostmortem }) {
  const { postmortem: p } = props;
  const postmortemLink = useRouteRef(postmortemRouteRef);
  return (
    <IncidentLine
      testId="team-postmortem"
      severity={p.incidentSeverity}
      to={postmortemLink({ incidentId: p.incidentId })}
      title={p.incidentTitle}
    >
      <Typography variant="caption" color="textSecondary">
        {POSTMORTEM_STATUS_TITLES[p.status]} · {parseEntityRef(p.ownerRef).name}{' '}
        · meeting due by {day(p.meetingDeadline)}
      </Typography>
      <MeetingStateChip state={p.meetingState} />
    </IncidentLine>
  );
}

/** Under a list of the overview's: its next page, and a failure to read it. */
function MoreOfList(props: {
  list: ReturnType<typeof useLaterPages<unknown>>;
  totalCount: number;
  label: string;
}) {
  const { list, totalCount, label } = props;
  return (
    <>
      {list.error && <ResponseErrorPanel error={list.error} />}
      {list.nextCursor && (
        <ShowMoreButton
          label={label}
          remaining={totalCount - list.items.length}
          disabled={list.loading}
          onClick={list.loadMore}
        />
      )}
    </>
  );
}

/** One of the overview's lists, its next pages read on demand; a new overview or `key` (the filters) starts it again. */
function useListAfterOverview<T>(
  items: T[],
  nextCursor: string | null,
  readPage: (page: { cursor: string; limit: number }) => Promise<Page<T>>,
  key: string,
) {
  return useLaterPages(
    useMemo(() => ({ items, nextCursor }), [items, nextCursor]),
    useCallback(
      (cursor: string) => readPage({ cursor, limit: POSTMORTEMS_PER_PAGE }),
      // eslint-disable-next-line react-hooks/exhaustive-deps
      [key],
    ),
  );
}

/**
 * Post-mortems in progress with their meeting deadline, the incidents missing
 * one, and the period's by status. Both lists start with the overview's first
 * few and read the rest a page at a time.
 */
export function TeamPostmortems(props: {
  postmortems: TeamOverview['postmortems'];
  options: TeamOverviewOptions;
}) {
  const { postmortems, options } = props;
  const { countsByStatus, openCount, missingCount } = postmortems;
  const api = useApi(incidentFollowupsApiRef);
  const key = JSON.stringify(options);
  const missing = useListAfterOverview(
    postmortems.missing,
    postmortems.missingNextCursor,
    page => api.listTeamMissingPostmortems(options, page),
    key,
  );
  const open = useListAfterOverview(
    postmortems.open,
    postmortems.openNextCursor,
    page => api.listTeamOpenPostmortems(options, page),
    key,
  );
  return (
    <InfoCard
      title="Post-mortems"
      subheader={`In the period: ${POSTMORTEM_STATUSES.map(
        s =>
          `${countsByStatus[s]} ${POSTMORTEM_STATUS_TITLES[s].toLowerCase()}`,
      ).join(', ')}`}
    >
      {missingCount > 0 && (
        <Box mb={2}>
          <Typography variant="subtitle2">Missing ({missingCount})</Typography>
          {missing.items.map(m => (
            <MissingPostmortemRow key={m.incidentId} missing={m} />
          ))}
          <MoreOfList
            list={missing}
            totalCount={missingCount}
            label="Show more missing post-mortems"
          />
        </Box>
      )}
      <Typography variant="subtitle2">
        In progress{openCount > 0 ? ` (${openCount})` : ''}
      </Typography>
      {openCount === 0 && (
        <Typography variant="body2" color="textSecondary">
          No post-mortem is in draft or in review.
        </Typography>
      )}
      {open.items.map(p => (
        <OpenPostmortemRow key={p.id} postmortem={p} />
      ))}
      <MoreOfList
        list={open}
        totalCount={openCount}
        label="Show more post-mortems in progress"
      />
    </InfoCard>
  );
}
