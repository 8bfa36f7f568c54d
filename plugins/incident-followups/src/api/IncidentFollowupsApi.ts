import { createApiRef } from '@backstage/core-plugin-api';
import {
  ActionItemKind,
  AgendaIncident,
  Followup,
  FollowupTicketResult,
  FollowupPriority,
  FollowupStatus,
  Incident,
  IncidentDetail,
  IncidentStatus,
  IncidentWriteResult,
  NotifyStakeholdersRequest,
  OwnerSuggestion,
  Page,
  Postmortem,
  PostmortemContentPatch,
  PostmortemStatus,
  Responder,
  Severity,
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

/** @public */
export interface ListIncidentsOptions {
  entityRef?: string;
  ownerRef?: string;
  statuses?: IncidentStatus[];
  severities?: Severity[];
  since?: string;
  until?: string;
  includeGrouped?: boolean;
  limit?: number;
  cursor?: string;
}

/** @public */
export interface NewIncident {
  title: string;
  description?: string;
  severity: Severity;
  status?: IncidentStatus;
  startedAt: string;
  entityRefs: string[];
  responders?: Responder[];
}

/** @public */
export interface IncidentChanges {
  /** The version the change is based on; a newer one on the server is a conflict. */
  version: number;
  title?: string;
  description?: string;
  severity?: Severity;
  finalSeverity?: Severity | null;
  status?: IncidentStatus;
  responders?: Responder[];
}

/** @public */
export interface NewActionItem {
  title: string;
  description?: string;
  kind: ActionItemKind;
  priority: FollowupPriority;
  ownerRef?: string | null;
  dueAt?: string | null;
  ticketUrl?: string | null;
}

/** @public */
export interface FollowupChanges {
  version: number;
  status?: FollowupStatus;
  wontDoReason?: string | null;
  ownerRef?: string | null;
  dueAt?: string | null;
  priority?: FollowupPriority;
  ticketUrl?: string | null;
}

/** @public */
export interface ListFollowupsOptions {
  /** A person: their followups and the unassigned steps of incidents they commanded. */
  assigneeRef?: string;
  statuses?: FollowupStatus[];
  overdue?: boolean;
  limit?: number;
  cursor?: string;
  /** `urgency`: the `limit` most urgent at once, no cursor; default oldest first, paged. */
  order?: 'created' | 'urgency';
}

/** What a team overview covers. @public */
export interface TeamOverviewOptions {
  teamRef: string;
  /** Roll the team's child groups up into it; default true. */
  includeChildren?: boolean;
  since?: string;
  until?: string;
  severities?: Severity[];
  /** The followups listed; default open and in progress. */
  statuses?: FollowupStatus[];
  /** Only what this person owns. */
  memberRef?: string;
  /** How many followups to list (default 500); 0 for the counts alone; the rest through `listTeamFollowups`. */
  followupLimit?: number;
  /** How many post-mortems in progress and missing to list (default 500); 0 for the counts alone; the rest through `listTeamOpenPostmortems` and `listTeamMissingPostmortems`. */
  postmortemLimit?: number;
  /** Count the period's weeks for the trend charts; default true. */
  weeks?: boolean;
}

/** @public */
export interface PostmortemChanges {
  version: number;
  ownerRef?: string;
  content?: PostmortemContentPatch;
  meetingScheduledFor?: string | null;
  invitees?: string[] | null;
}

/** A TODO or key event found in imported chat, and what the scribe decided. @public */
export interface ChatProposalState {
  key: string;
  kind: 'action-item' | 'timeline-event';
  at: string;
  author: string;
  text: string;
  decision: 'pending' | 'accepted' | 'dropped';
  decidedBy: string | null;
  decidedAt: string | null;
}

/**
 * The incident-followups REST API, as the frontend uses it.
 *
 * @public
 */
/** A page of a process review's agenda: all of it, or the incidents of these severities, discussed or not. */
export interface AgendaPageQuery {
  cursor?: string;
  limit?: number;
  severities?: Severity[];
  discussed?: boolean;
}

export interface IncidentFollowupsApi {
  listIncidents(options: ListIncidentsOptions): Promise<Page<Incident>>;
  getIncident(id: string): Promise<IncidentDetail>;
  createIncident(incident: NewIncident): Promise<IncidentWriteResult>;
  updateIncident(
    id: string,
    changes: IncidentChanges,
  ): Promise<IncidentWriteResult>;
  groupIncidents(
    primaryId: string,
    incidentIds: string[],
  ): Promise<IncidentDetail>;
  ungroupIncident(
    primaryId: string,
    relatedId: string,
  ): Promise<IncidentDetail>;
  listIncidentFollowups(incidentId: string): Promise<Page<Followup>>;
  listFollowups(options: ListFollowupsOptions): Promise<Page<Followup>>;
  addActionItem(incidentId: string, item: NewActionItem): Promise<Followup>;
  updateFollowup(id: string, changes: FollowupChanges): Promise<Followup>;
  /** Creates the action item's ticket in its owning team's tracker, or answers the one it has. */
  createTicket(followupId: string): Promise<FollowupTicketResult>;
  /** The incident's post-mortem, or null when it has none yet. */
  getPostmortem(incidentId: string): Promise<Postmortem | null>;
  suggestPostmortemOwners(incidentId: string): Promise<OwnerSuggestion[]>;
  /** The incident-source services (PagerDuty) mapped to an entity, or to any, and how their import is going. */
  listSourceSyncs(entityRef?: string): Promise<SourceServiceSync[]>;
  /** Posts the external message to the status page of the incident's source (PagerDuty). */
  postToSourceStatusPage(postmortemId: string): Promise<Postmortem>;
  /** Does one of the IC's steps in the incident's source (PagerDuty) as the signed-in user. */
  runSourceAction(
    incidentId: string,
    action: SourceAction,
  ): Promise<IncidentDetail>;
  createPostmortem(incidentId: string, ownerRef: string): Promise<Postmortem>;
  updatePostmortem(id: string, changes: PostmortemChanges): Promise<Postmortem>;
  transitionPostmortem(
    id: string,
    version: number,
    to: PostmortemStatus,
  ): Promise<Postmortem>;
  markStatusPagePosted(id: string, url: string | null): Promise<Postmortem>;
  notifyStakeholders(
    id: string,
    request: Partial<NotifyStakeholdersRequest> &
      Pick<NotifyStakeholdersRequest, 'message'>,
  ): Promise<Postmortem & { recipientRefs: string[] }>;
  importChat(
    id: string,
    transcript: string,
  ): Promise<{ added: number; proposals: ChatProposalState[] }>;
  listChatProposals(id: string): Promise<ChatProposalState[]>;
  decideChatProposal(
    id: string,
    key: string,
    decision: 'accept' | 'drop',
  ): Promise<ChatProposalState>;
  getTeamOverview(options: TeamOverviewOptions): Promise<TeamOverview>;
  /** The team's followups after the overview's, from its `followups.nextCursor`. */
  listTeamFollowups(
    options: TeamOverviewOptions,
    page: { cursor: string; limit?: number },
  ): Promise<Page<Followup>>;
  /** The team's post-mortems in progress after the overview's, from its `postmortems.openNextCursor`. */
  listTeamOpenPostmortems(
    options: TeamOverviewOptions,
    page: { cursor: string; limit?: number },
  ): Promise<Page<TeamPostmortem>>;
  /** The team's incidents missing a post-mortem after the overview's, from its `postmortems.missingNextCursor`. */
  listTeamMissingPostmortems(
    options: TeamOverviewOptions,
    page: { cursor: string; limit?: number },
  ): Promise<Page<MissingPostmortem>>;
  /** Meetings, those to come first, then those held; a page's `nextCursor` continues. */
  listProcessReviews(page?: {
    cursor?: string;
    limit?: number;
  }): Promise<Page<ProcessReviewSummary>>;
  createProcessReview(
    request: Partial<CreateProcessReviewRequest> &
      Pick<CreateProcessReviewRequest, 'scheduledFor'>,
  ): Promise<ProcessReview>;
  /** The review, without its agenda: `agendaCount` says how many incidents `listProcessReviewAgenda` reads. */
  getProcessReview(id: string): Promise<ProcessReview>;
  /** The review's agenda, oldest resolved first, of these severities and discussed or not; a page's `nextCursor` continues. */
  listProcessReviewAgenda(
    id: string,
    page?: AgendaPageQuery,
  ): Promise<Page<AgendaIncident>>;
  getAgendaItem(id: string, incidentId: string): Promise<AgendaIncident>;
  updateAgendaItem(
    id: string,
    incidentId: string,
    changes: UpdateAgendaItemRequest,
  ): Promise<AgendaIncident>;
  recordDecision(
    id: string,
    decision: RecordDecisionRequest,
  ): Promise<ProcessReview>;
  requestToJoin(id: string, reason: string): Promise<JoinRequest>;
  decideJoinRequest(
    id: string,
    requestId: string,
    decision: 'approve' | 'decline',
  ): Promise<JoinRequest>;
  getFeedback(incidentId: string): Promise<IncidentFeedback>;
  saveFeedback(
    incidentId: string,
    feedback: { rating: number; comment: string },
  ): Promise<IncidentFeedback>;
  /** The path of the team's followups as CSV, for `download`. */
  teamFollowupsCsvPath(options: TeamOverviewOptions): string;
  /** A file the backend serves (the `.ics` invite, the Markdown export), with the user's credentials. */
  download(path: string): Promise<Blob>;
}

/** @public */
export const incidentFollowupsApiRef = createApiRef<IncidentFollowupsApi>({
  id: 'plugin.incident-followups.service',
});
