import { useIncidentPermissions } from '../../permissions/useIncidentPermissions';
import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { Responder } from '@incident-followups/plugin-incident-followups-common';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import { useParams } from 'react-router-dom';
import { PostmortemCard } from '../Postmortem';
import { FollowupsCard } from './FollowupsCard';
import { HistoryCard } from './HistoryCard';
import { RelatedIncidentsCard } from './RelatedIncidentsCard';
import { RespondersCard } from './RespondersCard';
import { ResponseFeedbackCard } from './ResponseFeedbackCard';
import { StatusCard } from './StatusCard';
import { SummaryCard } from './SummaryCard';
import { SourceActionsCard } from './SourceActionsCard';
import { useIncident } from './useIncident';

const STATUS_TITLES = {
  triggered: 'Triggered',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
} as const;

/** One incident with everything about it, and the incident commander's steps. */
export function IncidentPage() {
  const { incidentId = '' } = useParams();
  const { incident, loadError, actionError, busy, reload, apply, api } =
    useIncident(incidentId);
  const can = useIncidentPermissions(incidentId, incident?.version);

  if (loadError) {
    return (
      <Page themeId="tool">
        <Header title="Incident" />
        <Content>
          <ResponseErrorPanel error={loadError} />
        </Content>
      </Page>
    );
  }
  if (!incident) {
    return <Progress />;
  }
  const update = (change: object) =>
    apply(() =>
      api.updateIncident(incident.id, { version: incident.version, ...change }),
    );

  return (
    <Page themeId="tool">
      <Header
        title={incident.title}
        subtitle={`${incident.finalSeverity ?? incident.severity} · ${
          STATUS_TITLES[incident.status]
        }`}
        type="Incident"
      />
      <Content>
        {actionError && (
          <Alert
            severity="error"
            style={{ marginBottom: 16 }}
            action={
              <Button color="inherit" size="small" onClick={reload}>
                Reload
              </Button>
            }
          >
            {actionError.message}
          </Alert>
        )}
        <Grid container spacing={3}>
          <Grid item xs={12} md={8}>
            <Grid container spacing={3} direction="column">
              <Grid item>
                <SummaryCard incident={incident} />
              </Grid>
              <Grid item>
                <FollowupsCard incident={incident} />
              </Grid>
              <Grid item>
                <RelatedIncidentsCard
                  incident={incident}
                  busy={busy}
                  onGroup={
                    can.updateIncident
                      ? ids => apply(() => api.groupIncidents(incident.id, ids))
                      : undefined
                  }
                  onUngroup={
                    can.updateIncident
                      ? id => apply(() => api.ungroupIncident(incident.id, id))
                      : undefined
                  }
                />
              </Grid>
              <Grid item>
                <HistoryCard history={incident.history} />
              </Grid>
            </Grid>
          </Grid>
          <Grid item xs={12} md={4}>
            <Grid container spacing={3} direction="column">
              <Grid item>
                <StatusCard
                  incident={incident}
                  busy={busy}
                  onChange={can.updateIncident ? update : undefined}
                />
              </Grid>
              <Grid item>
                <PostmortemCard incident={incident} />
              </Grid>
              {can.updateIncident &&
                incident.source.type !== 'manual' &&
                incident.source.externalId && (
                  <Grid item>
                    <SourceActionsCard
                      incident={incident}
                      onUpdated={detail => apply(async () => detail)}
                    />
                  </Grid>
                )}
              {incident.status === 'resolved' && (
                <Grid item>
                  <ResponseFeedbackCard incidentId={incident.id} />
                </Grid>
              )}
              <Grid item>
                <RespondersCard
                  incident={incident}
                  busy={busy}
                  onChange={
                    can.updateIncident
                      ? (responders: Responder[]) => update({ responders })
                      : undefined
                  }
                />
              </Grid>
            </Grid>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
