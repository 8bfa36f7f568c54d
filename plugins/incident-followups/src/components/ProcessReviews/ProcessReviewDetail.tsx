import {
  Content,
  EmptyState,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { ProcessReview } from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import EventIcon from '@material-ui/icons/Event';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { downloadFile } from '../Postmortem/downloadFile';
import { formatIncidentTime } from '../formatTimes';
import { ShowMoreButton } from '../MorePagesButton';
import { AgendaItemCard } from './AgendaItemCard';
import { AttendeesCard } from './AttendeesCard';
import { ProcessItemList } from './ProcessItemList';
import { useProcessReview } from './useProcessReview';

/** Agenda cards drawn at first and per "show more": a busy period resolves hundreds of incidents. */
const AGENDA_PAGE_SIZE = 25;

/** The agenda lists the oldest carried over items only: say so when some are left out. */
function carriedOverSubheader(review: ProcessReview): string {
  const shown = review.carriedOver.length;
  if (review.carriedOverCount <= shown) {
    return 'Process action items still open from earlier incidents';
  }
  const count = review.carriedOverCount.toLocaleString('en-US');
  return `The ${shown} oldest of ${count} process action items still open from earlier incidents`;
}

/** One process review: attendees and requests, the agenda with notes and decisions, carry-over, exports. */
export function ProcessReviewDetail() {
  const { reviewId } = useParams<{ reviewId: string }>();
  const identityApi = useApi(identityApiRef);
  const { value: identity } = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const { review, error, busy, change } = useProcessReview(reviewId!);
  const [shownCount, setShownCount] = useState(AGENDA_PAGE_SIZE);

  if (!review) {
    return (
      <Page themeId="tool">
        <Header title="Process review" />
        <Content>
          {error ? <ResponseErrorPanel error={error} /> : <Progress />}
        </Content>
      </Page>
    );
  }
  const date = review.scheduledFor.slice(0, 10);
  const download = (file: string, name: string) =>
    change(async a => {
      downloadFile(
        await a.download(`/process-reviews/${review.id}/${file}`),
        name,
      );
    });
  return (
    <Page themeId="tool">
      <Header
        title={review.title}
        subtitle={`${formatIncidentTime(review.scheduledFor)}, ${
          review.durationMinutes
        } minutes · incidents resolved from ${review.periodSince.slice(
          0,
          10,
        )} to ${review.periodUntil.slice(0, 10)}`}
      >
        <Box display="flex" style={{ gap: 8 }}>
          <Button
            variant="outlined"
            startIcon={<EventIcon />}
            onClick={() => download('invite.ics', `process-review-${date}.ics`)}
          >
            Calendar invite
          </Button>
          <Button
            variant="outlined"
            startIcon={<GetAppIcon />}
            onClick={() => download('agenda.md', `process-review-${date}.md`)}
          >
            Export Markdown
          </Button>
        </Box>
      </Header>
      <Content>
        {error && <ResponseErrorPanel error={error} />}
        <Grid container spacing={3}>
          <Grid item xs={12} lg={8}>
            <Typography variant="h5" gutterBottom>
              Agenda: {review.agenda.length} incidents
            </Typography>
            {review.agenda.length === 0 && (
              <EmptyState
                missing="data"
                title="No incident in the period"
                description="No incident was resolved in the period this meeting covers."
              />
            )}
            {review.agenda.slice(0, shownCount).map(item => (
              <AgendaItemCard
                key={item.incidentId}
                reviewId={review.id}
                item={item}
                decisions={review.decisions.filter(
                  d => d.incidentId === item.incidentId,
                )}
                busy={busy}
                onChange={changes =>
                  change(a =>
                    a.updateAgendaItem(review.id, item.incidentId, {
                      version: item.itemVersion,
                      ...changes,
                    }),
                  )
                }
                onDecide={decision =>
                  change(a =>
                    a.recordDecision(review.id, {
                      incidentId: item.incidentId,
                      ...decision,
                    }),
                  )
                }
              />
            ))}
            {review.agenda.length > shownCount && (
              <ShowMoreButton
                label="Show more incidents"
                remaining={review.agenda.length - shownCount}
                onClick={() => setShownCount(count => count + AGENDA_PAGE_SIZE)}
              />
            )}
          </Grid>
          <Grid item xs={12} lg={4}>
            <AttendeesCard
              review={review}
              me={identity?.userEntityRef ?? ''}
              busy={busy}
              onAsk={reason => change(a => a.requestToJoin(review.id, reason))}
              onDecide={(requestId, decision) =>
                change(a => a.decideJoinRequest(review.id, requestId, decision))
              }
            />
            <Box mt={3}>
              <InfoCard title="Responder feedback">
                <Typography variant="h4" data-testid="period-feedback">
                  {review.periodFeedback.average === null
                    ? '–'
                    : `${review.periodFeedback.average} / 5`}
                </Typography>
                <Typography variant="body2" color="textSecondary">
                  {review.periodFeedback.count} ratings over the period's
                  incidents
                </Typography>
              </InfoCard>
            </Box>
            <Box mt={3}>
              <InfoCard
                title="Carried over"
                subheader={carriedOverSubheader(review)}
              >
                {review.carriedOver.length === 0 ? (
                  <Typography variant="body2" color="textSecondary">
                    Nothing left open.
                  </Typography>
                ) : (
                  <ProcessItemList items={review.carriedOver} withIncident />
                )}
              </InfoCard>
            </Box>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
