import {
  Content,
  Header,
  Link,
  Page,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  processReviewCreatePermission,
  ProcessReviewSummary,
} from '@incident-followups/plugin-incident-followups-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import AddIcon from '@material-ui/icons/Add';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { incidentFollowupsApiRef } from '../../api/IncidentFollowupsApi';
import { processReviewRouteRef } from '../../routes';
import { formatIncidentTime } from '../formatTimes';
import { MorePagesButton } from '../MorePagesButton';
import { useCursorPages } from '../useCursorPages';
import {
  NewProcessReview,
  NewProcessReviewDialog,
} from './NewProcessReviewDialog';

function isOver(review: ProcessReviewSummary) {
  return (
    Date.parse(review.scheduledFor) + review.durationMinutes * 60_000 <
    Date.now()
  );
}

/** The process review meetings, upcoming first, and a way to schedule one. */
export function ProcessReviewList() {
  const api = useApi(incidentFollowupsApiRef);
  const reviewLink = useRouteRef(processReviewRouteRef);
  const navigate = useNavigate();
  const meetings = useCursorPages(
    useCallback((cursor?: string) => api.listProcessReviews({ cursor }), [api]),
  );
  const { allowed: canCreate } = usePermission({
    permission: processReviewCreatePermission,
  });
  const [dialog, setDialog] = useState(false);
  const [busy, setBusy] = useState(false);
  const [createError, setCreateError] = useState<Error>();

  const create = async (review: NewProcessReview) => {
    setBusy(true);
    try {
      const created = await api.createProcessReview(review);
      navigate(reviewLink({ reviewId: created.id }));
    } catch (e) {
      setCreateError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumn<ProcessReviewSummary>[] = [
    {
      title: 'Meeting',
      field: 'title',
      render: review => (
        <Link to={reviewLink({ reviewId: review.id })}>{review.title}</Link>
      ),
    },
    {
      title: 'When',
      field: 'scheduledFor',
      render: review => formatIncidentTime(review.scheduledFor),
    },
    {
      title: 'Incidents resolved',
      render: review =>
        `${review.periodSince.slice(0, 10)} to ${review.periodUntil.slice(
          0,
          10,
        )}`,
    },
    { title: 'Attendees', field: 'attendeeCount' },
    {
      title: 'State',
      render: review => (
        <>
          <Chip size="small" label={isOver(review) ? 'Held' : 'Upcoming'} />
          {review.pendingRequestCount > 0 && (
            <Chip
              size="small"
              color="secondary"
              label={`${review.pendingRequestCount} asking to join`}
            />
          )}
        </>
      ),
    },
  ];
  const reviews = [...meetings.items].sort((a, b) => {
    if (isOver(a) !== isOver(b)) return isOver(a) ? 1 : -1;
    return isOver(a)
      ? b.scheduledFor.localeCompare(a.scheduledFor)
      : a.scheduledFor.localeCompare(b.scheduledFor);
  });

  return (
    <Page themeId="tool">
      <Header
        title="Process reviews"
        subtitle="Incident commanders review how the response went; anyone may ask to join"
      >
        <Button
          variant="contained"
          color="primary"
          startIcon={<AddIcon />}
          disabled={!canCreate}
          onClick={() => setDialog(true)}
        >
          New meeting
        </Button>
      </Header>
      <Content>
        {meetings.error && <ResponseErrorPanel error={meetings.error} />}
        {createError && <ResponseErrorPanel error={createError} />}
        <Table<ProcessReviewSummary>
          title={`Meetings (${meetings.totalCount})`}
          isLoading={meetings.loading && meetings.items.length === 0}
          options={{ paging: false, search: false }}
          columns={columns}
          data={reviews}
          emptyContent={
            <div style={{ padding: 16 }}>
              No process review yet: schedule the first one.
            </div>
          }
        />
        <MorePagesButton pages={meetings} label="Show more meetings" />
        <NewProcessReviewDialog
          open={dialog}
          busy={busy}
          onClose={() => setDialog(false)}
          onCreate={create}
        />
      </Content>
    </Page>
  );
}
