import { useIncidentPermissions } from '../../permissions/useIncidentPermissions';
import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  MARKDOWN_SECTIONS,
  Postmortem,
  POSTMORTEM_STATUS_TITLES,
} from '@incident-followups/plugin-incident-followups-common';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { incidentRouteRef } from '../../routes';
import { ActionItemsSection } from '../followups/ActionItemsSection';
import { useFollowups } from '../followups/useFollowups';
import { ChatImportCard } from './ChatImportCard';
import { ConflictPanel } from './ConflictPanel';
import { CreatePostmortemForm } from './CreatePostmortemForm';
import { downloadFile } from './downloadFile';
import { ExternalMessageCard } from './ExternalMessageCard';
import { ImpactCard } from './ImpactCard';
import { MarkdownSection } from './MarkdownSection';
import { MeetingCard } from './MeetingCard';
import { PostmortemStatusBar } from './PostmortemStatusBar';
import { StakeholdersCard } from './StakeholdersCard';
import { TimelineCard } from './TimelineCard';
import { usePostmortemEditor } from './usePostmortemEditor';

const useStyles = makeStyles({
  '@global': {
    '@media print': {
      '.no-print, nav, header button': { display: 'none !important' },
    },
  },
});

function ActionItemsCard(props: {
  incidentId: string;
  version: number;
  canChange: boolean;
}) {
  const { followups, busy, setStatus, setFollowups, error } = useFollowups(
    a => a.listIncidentFollowups(props.incidentId),
    String(props.version),
  );
  return (
    <InfoCard
      title="Action items"
      subheader="The incident's action items: adding one here adds it to the incident. Few, specific, bounded."
    >
      {error && <Alert severity="error">{error.message}</Alert>}
      <ActionItemsSection
        incidentId={props.incidentId}
        items={(followups ?? []).filter(f => f.type === 'action-item')}
        busy={busy}
        onStatus={setStatus}
        onAdded={item => setFollowups(list => [...(list ?? []), item])}
        canChange={props.canChange}
        onChanged={item =>
          setFollowups(list => list?.map(f => (f.id === item.id ? item : f)))
        }
      />
    </InfoCard>
  );
}

/** An incident's blameless post-mortem: the template, the meeting, the status, chat import and stakeholders. */
export function PostmortemPage() {
  useStyles();
  const { incidentId = '' } = useParams();
  const editor = usePostmortemEditor(incidentId);
  const { api, postmortem, draft, edit, act } = editor;
  const incidentLink = useRouteRef(incidentRouteRef)({ incidentId });
  const incident = useAsync(
    () => api.getIncident(incidentId),
    [api, incidentId],
  );
  const can = useIncidentPermissions(
    incidentId,
    `${incident.value?.version} ${postmortem?.ownerRef}`,
  );
  const readOnly = !can.editPostmortem;

  const title = `Post-mortem: ${incident.value?.title ?? ''}`;
  if (editor.loadError || incident.error) {
    return (
      <Page themeId="tool">
        <Header title="Post-mortem" />
        <Content>
          <ResponseErrorPanel error={(editor.loadError ?? incident.error)!} />
        </Content>
      </Page>
    );
  }
  if (postmortem === undefined || !incident.value) return <Progress />;
  if (postmortem === null || !draft) {
    return (
      <Page themeId="tool">
        <Header title={title} type="Post-mortem" />
        <Content>
          <InfoCard title="No post-mortem yet">
            <CreatePostmortemForm
              incidentId={incidentId}
              onCreated={editor.setPostmortem}
            />
          </InfoCard>
        </Content>
      </Page>
    );
  }

  const { content } = draft;
  const section = (key: (typeof MARKDOWN_SECTIONS)[number]['key']) => {
    const s = MARKDOWN_SECTIONS.find(m => m.key === key)!;
    return (
      <Grid item key={key}>
        <MarkdownSection
          id={`section-${key}`}
          title={s.title}
          hint={s.hint}
          value={content[key]}
          onChange={value => edit(`content.${key}`, value)}
          readOnly={readOnly}
        />
      </Grid>
    );
  };
  const patch = (p: Postmortem) => p;

  return (
    <Page themeId="tool">
      <Header
        title={title}
        subtitle={`${postmortem.incidentSeverity} · ${
          POSTMORTEM_STATUS_TITLES[postmortem.status]
        } · blameless: systems and processes, never people`}
        type="Post-mortem"
      />
      <Content>
        <Link to={incidentLink} className="no-print">
          ← Back to the incident
        </Link>
        <PostmortemStatusBar
          postmortem={postmortem}
          saveState={editor.saveState}
          readOnly={readOnly}
          onTransition={
            can.transitionPostmortem
              ? to =>
                  act(current =>
                    api.transitionPostmortem(current.id, current.version, to),
                  )
              : undefined
          }
          onExport={async () =>
            downloadFile(
              await api.download(`/postmortems/${postmortem.id}/export.md`),
              `postmortem-${incidentId}.md`,
            )
          }
        />
        {readOnly && (
          <Alert severity="info" style={{ marginBottom: 16 }}>
            You can read this post-mortem; you don't have permission to change
            it.
          </Alert>
        )}
        <ConflictPanel
          conflicts={editor.conflicts}
          onResolve={editor.resolveConflict}
        />
        {editor.error && (
          <Alert severity="error" style={{ marginBottom: 16 }}>
            {editor.error.message}
          </Alert>
        )}
        <Grid container spacing={3}>
          <Grid item xs={12} md={8}>
            <Grid container spacing={3} direction="column">
              {section('overview')}
              {section('whatHappened')}
              {section('contributingFactors')}
              {section('resolution')}
              <Grid item>
                <ImpactCard
                  impact={content.impact}
                  onChange={impact => edit('content.impact', impact)}
                  readOnly={readOnly}
                />
              </Grid>
              <Grid item>
                <TimelineCard
                  rows={content.timeline}
                  onChange={rows => edit('content.timeline', rows)}
                  readOnly={readOnly}
                />
              </Grid>
              {section('whatWentWell')}
              {section('whatDidntGoWell')}
              <Grid item>
                <ActionItemsCard
                  incidentId={incidentId}
                  version={postmortem.version}
                  canChange={can.updateFollowups}
                />
              </Grid>
              {section('internalEmail')}
              <Grid item>
                <ExternalMessageCard
                  postmortem={postmortem}
                  message={content.externalMessage}
                  onChange={m => edit('content.externalMessage', m)}
                  readOnly={readOnly}
                  onPosted={url =>
                    act(current => api.markStatusPagePosted(current.id, url))
                  }
                  statusPageSource={
                    incident.value.source.type === 'pagerduty'
                      ? 'PagerDuty'
                      : undefined
                  }
                  onPostToStatusPage={() =>
                    act(current => api.postToSourceStatusPage(current.id))
                  }
                />
              </Grid>
            </Grid>
          </Grid>
          <Grid item xs={12} md={4}>
            <Grid container spacing={3} direction="column">
              <Grid item>
                <MeetingCard
                  postmortem={postmortem}
                  meetingScheduledFor={draft.meetingScheduledFor}
                  invitees={draft.invitees}
                  onOwner={ownerRef =>
                    act(current =>
                      api.updatePostmortem(current.id, {
                        version: current.version,
                        ownerRef,
                      }),
                    )
                  }
                  onMeeting={at => edit('meetingScheduledFor', at)}
                  onInvitees={refs => edit('invitees', refs)}
                  readOnly={readOnly}
                  onDownloadInvite={async () =>
                    downloadFile(
                      await api.download(
                        `/postmortems/${postmortem.id}/meeting.ics`,
                      ),
                      `postmortem-${incidentId}.ics`,
                    )
                  }
                />
              </Grid>
              <Grid item>
                <InfoCard title="Responders">
                  {incident.value.responders.length === 0
                    ? 'No responders recorded on the incident.'
                    : incident.value.responders.map(r => (
                        <div key={`${r.role}-${r.userRef}`}>
                          {r.role.replace(/-/g, ' ')}:{' '}
                          {r.userRef.split('/').pop()}
                        </div>
                      ))}
                </InfoCard>
              </Grid>
              {!readOnly && (
                <>
                  <Grid item>
                    <StakeholdersCard
                      postmortem={postmortem}
                      onNotify={async (message, recipientRefs) => {
                        let recipients: string[] | undefined;
                        await act(async current => {
                          const result = await api.notifyStakeholders(
                            current.id,
                            {
                              message,
                              recipientRefs,
                            },
                          );
                          recipients = result.recipientRefs;
                          return patch(result);
                        });
                        return recipients;
                      }}
                    />
                  </Grid>
                  <Grid item>
                    <ChatImportCard
                      api={api}
                      postmortemId={postmortem.id}
                      onAccepted={editor.reload}
                    />
                  </Grid>
                </>
              )}
              <Grid item>
                <InfoCard title="Call recording">
                  <TextField
                    id="call-recording-url"
                    label="Link to the call recording"
                    fullWidth
                    variant="outlined"
                    size="small"
                    value={content.callRecordingUrl ?? ''}
                    disabled={readOnly}
                    error={
                      !!content.callRecordingUrl &&
                      !/^https?:\/\/\S+$/.test(content.callRecordingUrl)
                    }
                    onChange={e =>
                      edit('content.callRecordingUrl', e.target.value || null)
                    }
                  />
                </InfoCard>
              </Grid>
            </Grid>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
