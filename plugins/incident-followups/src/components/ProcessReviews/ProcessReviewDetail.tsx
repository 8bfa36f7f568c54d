import {
  Content,
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
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { downloadFile } from '../Postmortem/downloadFile';
import { formatIncidentTime } from '../formatTimes';
import { Agenda } from './Agenda';
import { AttendeesCard } from './AttendeesCard';
import { ProcessItemList } from './ProcessItemList';
import { useProcessReview } from './useProcessReview';

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
  const {
    api,
    review,
    agenda,
    agendaFilters,
    setAgendaFilters,
    error,
    busy,
    run,
    change,
    saveAgendaItem,
    recordDecision,
  } = useProcessReview(reviewId!);

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
    run(async () => {
      downloadFile(
        await api.download(`/process-reviews/${review.id}/${file}`),
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
            <Agenda
              review={review}
              pages={agenda}
              filters={agendaFilters}
              onFilter={setAgendaFilters}
              busy={busy}
              onChange={saveAgendaItem}
              onDecide={recordDecision}
            />
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
