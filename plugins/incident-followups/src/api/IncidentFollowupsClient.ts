import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AgendaIncident,
  Followup,
  FollowupTicketResult,
  Incident,
  IncidentDetail,
  IncidentWriteResult,
  NotifyStakeholdersRequest,
  OwnerSuggestion,
  Page,
  Postmortem,
  PostmortemStatus,
  TeamOverview,
  TeamPostmortem,
  MissingPostmortem,
  CreateProcessReviewRequest,
  IncidentFeedback,
  JoinRequest,
  ProcessReview,
  ProcessReviewSummary,
  RecordDecisionRequest,
  UpdateAgendaItemRequest,
  SourceServiceSync,
  SourceAction,
} from '@incident-followups/plugin-incident-followups-common';
import {
  AgendaPageQuery,
  ChatProposalState,
  FollowupChanges,
  PostmortemChanges,
  IncidentChanges,
  IncidentFollowupsApi,
  ListFollowupsOptions,
  ListIncidentsOptions,
  NewActionItem,
  NewIncident,
  TeamOverviewOptions,
} from './IncidentFollowupsApi';

/**
 * Talks to the incident-followups backend with the signed-in user's credentials.
 *
 * @public
 */
export class IncidentFollowupsClient implements IncidentFollowupsApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  async listIncidents(options: ListIncidentsOptions): Promise<Page<Incident>> {
    const params = new URLSearchParams();
    const set = (key: string, value: string | number | undefined) => {
      if (value !== undefined && value !== '') params.set(key, String(value));
    };
    set('entityRef', options.entityRef);
    set('ownerRef', options.ownerRef);
    set('status', options.statuses?.join(','));
    set('severity', options.severities?.join(','));
    set('since', options.since);
    set('until', options.until);
    set('includeGrouped', options.includeGrouped ? 'true' : undefined);
    set('limit', options.limit);
    set('cursor', options.cursor);
    return this.call('GET', `/incidents?${params}`);
  }

  getIncident(id: string): Promise<IncidentDetail> {
    return this.call('GET', `/incidents/${encodeURIComponent(id)}`);
  }

  createIncident(incident: NewIncident): Promise<IncidentWriteResult> {
    return this.call('POST', '/incidents', incident);
  }

  updateIncident(
    id: string,
    changes: IncidentChanges,
  ): Promise<IncidentWriteResult> {
    return this.call('PATCH', `/incidents/${encodeURIComponent(id)}`, changes);
  }

  groupIncidents(
    primaryId: string,
    incidentIds: string[],
  ): Promise<IncidentDetail> {
    return this.call(
      'POST',
      `/incidents/${encodeURIComponent(primaryId)}/related`,
      {
        incidentIds,
      },
    );
  }

  ungroupIncident(
    primaryId: string,
    relatedId: string,
  ): Promise<IncidentDetail> {
    return this.call(
      'DELETE',
      `/incidents/${encodeURIComponent(primaryId)}/related/${encodeURIComponent(
        relatedId,
      )}`,
    );
  }

  listIncidentFollowups(incidentId: string): Promise<Page<Followup>> {
    return this.call(
      'GET',
      `/incidents/${encodeURIComponent(incidentId)}/followups`,
    );
  }

  listFollowups(options: ListFollowupsOptions): Promise<Page<Followup>> {
    const params = new URLSearchParams();
    if (options.assigneeRef) params.set('assigneeRef', options.assigneeRef);
    if (options.statuses?.length)
      params.set('status', options.statuses.join(','));
    if (options.overdue) params.set('overdue', 'true');
    if (options.limit) params.set('limit', String(options.limit));
    if (options.cursor) params.set('cursor', options.cursor);
    if (options.order) params.set('order', options.order);
    return this.call('GET', `/followups?${params}`);
  }

  addActionItem(incidentId: string, item: NewActionItem): Promise<Followup> {
    return this.call(
      'POST',
      `/incidents/${encodeURIComponent(incidentId)}/followups`,
      item,
    );
  }

  updateFollowup(id: string, changes: FollowupChanges): Promise<Followup> {
    return this.call('PATCH', `/followups/${encodeURIComponent(id)}`, changes);
  }

  createTicket(followupId: string): Promise<FollowupTicketResult> {
    return this.call(
      'POST',
      `/followups/${encodeURIComponent(followupId)}/ticket`,
    );
  }

  async getPostmortem(incidentId: string): Promise<Postmortem | null> {
    try {
      return await this.call(
        'GET',
        `/incidents/${encodeURIComponent(incidentId)}/postmortem`,
      );
    } catch (error) {
      if ((error as ResponseError).response?.status === 404) {
        // 404 for an incident without post-mortem; a missing incident fails on its own page.
        const body = (error as ResponseError).body;
        if (/has no post-mortem/.test(body?.error?.message ?? '')) return null;
      }
      throw error;
    }
  }

  async listSourceSyncs(entityRef?: string): Promise<SourceServiceSync[]> {
    const query = entityRef ? `?${new URLSearchParams({ entityRef })}` : '';
    const { items } = await this.call<{ items: SourceServiceSync[] }>(
      'GET',
      `/sources${query}`,
    );
    return items;
  }

  postToSourceStatusPage(postmortemId: string): Promise<Postmortem> {
    return this.call(
      'POST',
      `/postmortems/${encodeURIComponent(postmortemId)}/status-page-post`,
      {},
    );
  }

  runSourceAction(
    incidentId: string,
    action: SourceAction,
  ): Promise<IncidentDetail> {
    return this.call(
      'POST',
      `/incidents/${encodeURIComponent(incidentId)}/source-actions`,
      { action },
    );
  }

  async suggestPostmortemOwners(
    incidentId: string,
  ): Promise<OwnerSuggestion[]> {
    const { items } = await this.call<{ items: OwnerSuggestion[] }>(
      'GET',
      `/incidents/${encodeURIComponent(
        incidentId,
      )}/postmortem/owner-suggestions`,
    );
    return items;
  }

  createPostmortem(incidentId: string, ownerRef: string): Promise<Postmortem> {
    return this.call(
      'POST',
      `/incidents/${encodeURIComponent(incidentId)}/postmortem`,
      { ownerRef },
    );
  }

  updatePostmortem(
    id: string,
    changes: PostmortemChanges,
  ): Promise<Postmortem> {
    return this.call(
      'PATCH',
      `/postmortems/${encodeURIComponent(id)}`,
      changes,
    );
  }

  transitionPostmortem(
    id: string,
    version: number,
    to: PostmortemStatus,
  ): Promise<Postmortem> {
    return this.call(
      'POST',
      `/postmortems/${encodeURIComponent(id)}/transitions`,
      { version, to },
    );
  }

  markStatusPagePosted(id: string, url: string | null): Promise<Postmortem> {
    return this.call(
      'POST',
      `/postmortems/${encodeURIComponent(id)}/status-page`,
      { url },
    );
  }

  notifyStakeholders(
    id: string,
    request: Partial<NotifyStakeholdersRequest> &
      Pick<NotifyStakeholdersRequest, 'message'>,
  ): Promise<Postmortem & { recipientRefs: string[] }> {
    return this.call(
      'POST',
      `/postmortems/${encodeURIComponent(id)}/notifications`,
      request,
    );
  }

  importChat(
    id: string,
    transcript: string,
  ): Promise<{ added: number; proposals: ChatProposalState[] }> {
    return this.call(
      'POST',
      `/postmortems/${encodeURIComponent(id)}/chat-imports`,
      { transcript },
    );
  }

  async listChatProposals(id: string): Promise<ChatProposalState[]> {
    const { items } = await this.call<{ items: ChatProposalState[] }>(
      'GET',
      `/postmortems/${encodeURIComponent(id)}/chat-proposals`,
    );
    return items;
  }

  decideChatProposal(
    id: string,
    key: string,
    decision: 'accept' | 'drop',
  ): Promise<ChatProposalState> {
    return this.call(
      'POST',
      `/postmortems/${encodeURIComponent(
        id,
      )}/chat-proposals/${encodeURIComponent(key)}`,
      { decision },
    );
  }

  getTeamOverview(options: TeamOverviewOptions): Promise<TeamOverview> {
    const params = this.teamParams(options);
    if (options.followupLimit !== undefined)
      params.set('followupLimit', String(options.followupLimit));
    if (options.postmortemLimit !== undefined)
      params.set('postmortemLimit', String(options.postmortemLimit));
    if (options.weeks === false) params.set('weeks', 'false');
    return this.call('GET', this.teamPath(options.teamRef, 'overview', params));
  }

  listTeamOpenPostmortems(
    options: TeamOverviewOptions,
    page: { cursor: string; limit?: number },
  ): Promise<Page<TeamPostmortem>> {
    return this.teamPostmortemPage(options, 'open-postmortems', page);
  }

  listTeamMissingPostmortems(
    options: TeamOverviewOptions,
    page: { cursor: string; limit?: number },
  ): Promise<Page<MissingPostmortem>> {
    return this.teamPostmortemPage(options, 'missing-postmortems', page);
  }

  /** A page of one of the team's post-mortem lists: the followup statuses do not apply. */
  private teamPostmortemPage<T>(
    options: TeamOverviewOptions,
    list: 'open-postmortems' | 'missing-postmortems',
    page: { cursor: string; limit?: number },
  ): Promise<Page<T>> {
    const params = this.teamListParams({ ...options, statuses: undefined });
    params.set('cursor', page.cursor);
    if (page.limit !== undefined) params.set('limit', String(page.limit));
    return this.call('GET', this.teamPath(options.teamRef, list, params));
  }

  listTeamFollowups(
    options: TeamOverviewOptions,
    page: { cursor: string; limit?: number },
  ): Promise<Page<Followup>> {
    const params = this.teamListParams(options);
    params.set('cursor', page.cursor);
    if (page.limit !== undefined) params.set('limit', String(page.limit));
    return this.call(
      'GET',
      this.teamPath(options.teamRef, 'followups', params),
    );
  }

  listProcessReviews(
    page: { cursor?: string; limit?: number } = {},
  ): Promise<Page<ProcessReviewSummary>> {
    return this.call('GET', `/process-reviews?${this.pageParams(page)}`);
  }

  createProcessReview(
    request: Partial<CreateProcessReviewRequest> &
      Pick<CreateProcessReviewRequest, 'scheduledFor'>,
  ): Promise<ProcessReview> {
    return this.call('POST', '/process-reviews', request);
  }

  getProcessReview(id: string): Promise<ProcessReview> {
    return this.call('GET', `/process-reviews/${encodeURIComponent(id)}`);
  }

  listProcessReviewAgenda(
    id: string,
    query: AgendaPageQuery = {},
  ): Promise<Page<AgendaIncident>> {
    const params = this.pageParams(query);
    if (query.severities?.length) {
      params.set('severity', query.severities.join(','));
    }
    if (query.discussed !== undefined) {
      params.set('discussed', String(query.discussed));
    }
    return this.call(
      'GET',
      `/process-reviews/${encodeURIComponent(id)}/agenda?${params}`,
    );
  }

  getAgendaItem(id: string, incidentId: string): Promise<AgendaIncident> {
    return this.call('GET', this.agendaItemPath(id, incidentId));
  }

  updateAgendaItem(
    id: string,
    incidentId: string,
    changes: UpdateAgendaItemRequest,
  ): Promise<AgendaIncident> {
    return this.call('PATCH', this.agendaItemPath(id, incidentId), changes);
  }

  private agendaItemPath(id: string, incidentId: string) {
    return `/process-reviews/${encodeURIComponent(
      id,
    )}/agenda/${encodeURIComponent(incidentId)}`;
  }

  recordDecision(
    id: string,
    decision: RecordDecisionRequest,
  ): Promise<ProcessReview> {
    return this.call(
      'POST',
      `/process-reviews/${encodeURIComponent(id)}/decisions`,
      decision,
    );
  }

  requestToJoin(id: string, reason: string): Promise<JoinRequest> {
    return this.call(
      'POST',
      `/process-reviews/${encodeURIComponent(id)}/join-requests`,
      { reason },
    );
  }

  decideJoinRequest(
    id: string,
    requestId: string,
    decision: 'approve' | 'decline',
  ): Promise<JoinRequest> {
    return this.call(
      'POST',
      `/process-reviews/${encodeURIComponent(
        id,
      )}/join-requests/${encodeURIComponent(requestId)}`,
      { decision },
    );
  }

  getFeedback(incidentId: string): Promise<IncidentFeedback> {
    return this.call(
      'GET',
      `/incidents/${encodeURIComponent(incidentId)}/feedback`,
    );
  }

  saveFeedback(
    incidentId: string,
    feedback: { rating: number; comment: string },
  ): Promise<IncidentFeedback> {
    return this.call(
      'PUT',
      `/incidents/${encodeURIComponent(incidentId)}/feedback`,
      feedback,
    );
  }

  teamFollowupsCsvPath(options: TeamOverviewOptions): string {
    return this.teamPath(
      options.teamRef,
      'followups.csv',
      this.teamParams(options),
    );
  }

  /** The overview's filters: the period, and which followups. */
  private teamParams(options: TeamOverviewOptions) {
    const params = new URLSearchParams();
    if (options.since) params.set('since', options.since);
    if (options.until) params.set('until', options.until);
    for (const [key, value] of this.teamListParams(options)) {
      params.set(key, value);
    }
    return params;
  }

  /** Which followups of the team, whatever the period. */
  private teamListParams(options: TeamOverviewOptions) {
    const params = new URLSearchParams();
    const set = (key: string, value: string | undefined) => {
      if (value) params.set(key, value);
    };
    set('severity', options.severities?.join(','));
    set('status', options.statuses?.join(','));
    set('memberRef', options.memberRef);
    if (options.includeChildren === false)
      params.set('includeChildren', 'false');
    return params;
  }

  private pageParams(page: { cursor?: string; limit?: number }) {
    const params = new URLSearchParams();
    if (page.cursor) params.set('cursor', page.cursor);
    if (page.limit !== undefined) params.set('limit', String(page.limit));
    return params;
  }

  private teamPath(teamRef: string, resource: string, params: URLSearchParams) {
    return `/teams/${encodeURIComponent(teamRef)}/${resource}?${params}`;
  }

  async download(path: string): Promise<Blob> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      'incident-followups',
    );
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.blob();
  }

  private async call<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      'incident-followups',
    );
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : {
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          }),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
