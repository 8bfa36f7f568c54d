import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  allowedTransitions,
  CHAT_TRANSCRIPT_MAX_BYTES,
  CreatePostmortemRequest,
  DueDatePolicy,
  emptyPostmortemContent,
  hasExternalMessage,
  IncidentDetail,
  meetingDeadline,
  meetingState,
  NotifyStakeholdersRequest,
  OwnerSuggestion,
  Page,
  parseChatTranscript,
  Postmortem,
  PostmortemContent,
  PostmortemContentPatch,
  PostmortemListItem,
  POSTMORTEM_STATUS_TITLES,
  transitionBlocker,
  TransitionPostmortemRequest,
  UpdatePostmortemRequest,
} from '@incident-followups/plugin-incident-followups-common';
import { Knex } from 'knex';
import {
  CatalogOwnershipResolver,
  CatalogUnavailableError,
} from '../catalog/CatalogOwnershipResolver';
import { FollowupStore } from '../database/FollowupStore';
import { FollowupService } from '../followups/FollowupService';
import { actorRef } from '../service/actorRef';
import { IncidentService } from '../service/IncidentService';
import { DatabasePostmortemStore } from './DatabasePostmortemStore';
import { timelineFromIncident } from './incidentTimeline';
import { defaultInvitees } from './invitees';
import { suggestOwners } from './ownerSuggestions';
import { PostmortemNotifier } from './PostmortemNotifier';
import {
  PostmortemChanges,
  PostmortemListQuery,
  PostmortemRecord,
  StoredChatProposal,
} from './PostmortemStore';
import { PostmortemsConfig } from './readPostmortemsConfig';

/** Post-mortems: creation and owner, the template, the meeting, the status machine, chat import and stakeholders. */
export class PostmortemService {
  constructor(
    private readonly options: {
      store: DatabasePostmortemStore;
      incidents: IncidentService;
      followups: FollowupService;
      followupStore: FollowupStore;
      ownership: CatalogOwnershipResolver;
      notifier: PostmortemNotifier;
      config: PostmortemsConfig;
      policy: DueDatePolicy;
      /** The plugin's own credentials, for what it reads from the catalog by itself. */
      serviceCredentials: () => Promise<BackstageCredentials>;
      /** Owner suggestions from elsewhere, such as who is on call; after the responders. */
      moreOwnerSuggestions?: (
        incident: IncidentDetail,
      ) => Promise<OwnerSuggestion[]>;
    },
  ) {}

  async get(id: string): Promise<Postmortem> {
    const record = await this.options.store.get(id);
    if (!record) throw new NotFoundError(`No post-mortem with id ${id}`);
    return this.present(record);
  }

  /** A page of post-mortems, with their deadlines and meeting states. */
  async list(query: PostmortemListQuery): Promise<Page<PostmortemListItem>> {
    const page = await this.options.store.listPage(query);
    return {
      ...page,
      items: page.items.map(
        ({
          meetingReminderFor: _r,
          invitees: _i,
          transitions: _t,
          ...item
        }) => {
          const deadline = meetingDeadline(
            item.incidentResolvedAt,
            item.incidentSeverity,
            this.options.policy,
          );
          return {
            ...item,
            meetingDeadline: deadline,
            meetingState: meetingState(item, deadline),
          };
        },
      ),
    };
  }

  async getForIncident(incidentId: string): Promise<Postmortem> {
    await this.options.incidents.getIncident(incidentId);
    const record = await this.options.store.getByIncident(incidentId);
    if (!record) {
      throw new NotFoundError(`Incident ${incidentId} has no post-mortem yet`);
    }
    return this.present(record);
  }

  async suggestOwners(incidentId: string): Promise<OwnerSuggestion[]> {
    const incident = await this.options.incidents.getIncident(incidentId);
    const suggestions = suggestOwners(incident);
    const more = (await this.options.moreOwnerSuggestions?.(incident)) ?? [];
    return [
      ...suggestions,
      ...more.filter(m => !suggestions.some(s => s.userRef === m.userRef)),
    ];
  }

  async create(
    incidentId: string,
    request: CreatePostmortemRequest,
    credentials: BackstageCredentials,
  ): Promise<Postmortem> {
    const incident = await this.options.incidents.getIncident(incidentId);
    await this.checkRefs(
      [{ field: 'ownerRef', ref: request.ownerRef }],
      credentials,
    );
    const actor = actorRef(credentials);
    const content: PostmortemContent = {
      ...emptyPostmortemContent(),
      timeline: timelineFromIncident(incident),
    };
    const created = await this.options.store.create({
      incidentId,
      ownerRef: request.ownerRef,
      content,
      actorRef: actor,
      onWrite: (tx, postmortem) =>
        this.complete(
          tx,
          postmortem.incidentId,
          'postmortem-owner-assigned',
          actor,
        ),
    });
    await this.options.notifier.ownerAssigned(created, actor);
    return this.present(created, incident);
  }

  async update(
    id: string,
    request: UpdatePostmortemRequest,
    credentials: BackstageCredentials,
  ): Promise<Postmortem> {
    const refs = [
      ...(request.ownerRef
        ? [{ field: 'ownerRef', ref: request.ownerRef }]
        : []),
      ...(request.invitees ?? []).map((ref, i) => ({
        field: `invitees.${i}`,
        ref,
      })),
    ];
    await this.checkRefs(refs, credentials);
    let ownerChanged = false;
    const updated = await this.options.store.update(id, {
      version: request.version,
      actorRef: actorRef(credentials),
      plan: current => {
        ownerChanged =
          request.ownerRef !== undefined &&
          request.ownerRef !== current.ownerRef;
        const changes: PostmortemChanges = {
          ownerRef: request.ownerRef,
          meetingScheduledFor: request.meetingScheduledFor,
          invitees: request.invitees,
        };
        if (request.content) {
          changes.content = applyContentPatch(current.content, request.content);
        }
        return changes;
      },
    });
    if (ownerChanged) {
      await this.options.notifier.ownerAssigned(updated, actorRef(credentials));
    }
    return this.present(updated);
  }

  async transition(
    id: string,
    request: TransitionPostmortemRequest,
    credentials: BackstageCredentials,
  ): Promise<Postmortem> {
    const updated = await this.options.store.update(id, {
      version: request.version,
      actorRef: actorRef(credentials),
      plan: current => {
        const blocker = transitionBlocker(current, request.to);
        if (blocker) {
          const allowed = allowedTransitions(current);
          throw new ConflictError(
            `${blocker}. From ${
              POSTMORTEM_STATUS_TITLES[current.status]
            } it can move to: ${
              allowed.length
                ? allowed.map(s => POSTMORTEM_STATUS_TITLES[s]).join(', ')
                : 'nothing yet'
            }`,
          );
        }
        return { status: request.to };
      },
    });
    return this.present(updated);
  }

  /** The customer liaison's step: the external message is on the status page. */
  async markStatusPagePosted(
    id: string,
    url: string | null,
    credentials: BackstageCredentials,
  ): Promise<Postmortem> {
    const actor = actorRef(credentials);
    const updated = await this.options.store.update(id, {
      version: 'latest',
      actorRef: actor,
      plan: current => {
        if (!hasExternalMessage(current.content)) {
          throw new ConflictError(
            'The post-mortem has no external message to post yet; write it first',
          );
        }
        return {
          statusPagePostedAt: new Date().toISOString(),
          statusPagePostedBy: actor,
          statusPageUrl: url,
        };
      },
      onWrite: (tx, postmortem) =>
        this.complete(tx, postmortem.incidentId, 'status-page-updated', actor),
    });
    return this.present(updated);
  }

  /**
   * The IC's step: tells the owning teams, the stakeholders configured for the
   * severity and anyone added, with a link to the post-mortem. After the meeting,
   * the internal email section goes out the same way.
   */
  async notifyStakeholders(
    id: string,
    request: NotifyStakeholdersRequest,
    credentials: BackstageCredentials,
  ): Promise<Postmortem & { recipientRefs: string[] }> {
    const actor = actorRef(credentials);
    await this.checkRefs(
      request.recipientRefs.map((ref, i) => ({
        field: `recipientRefs.${i}`,
        ref,
      })),
      credentials,
    );
    const current = await this.options.store.get(id);
    if (!current) throw new NotFoundError(`No post-mortem with id ${id}`);
    const incident = await this.options.incidents.getIncident(
      current.incidentId,
    );
    if (request.message === 'internal-email') {
      if (current.status !== 'reviewed' && current.status !== 'closed') {
        throw new ConflictError(
          'The internal email goes out after the meeting: move the post-mortem to Reviewed first',
        );
      }
      if (!current.content.internalEmail.trim()) {
        throw new InputError(
          'content.internalEmail: is empty; write the internal email section first',
        );
      }
    }
    const recipientRefs = [
      ...new Set([
        ...incident.ownerRefs,
        ...this.options.config.stakeholders[current.incidentSeverity],
        ...request.recipientRefs,
      ]),
    ];
    if (recipientRefs.length === 0) {
      throw new InputError(
        'recipientRefs: the incident has no owning team and no stakeholders are configured for its severity; add recipients',
      );
    }
    await this.options.notifier.stakeholders(
      current,
      recipientRefs,
      request.message === 'incident'
        ? {
            title: `${current.incidentSeverity} incident: ${current.incidentTitle}`,
            description: `There was an incident. Its post-mortem (owner ${
              current.ownerRef
            }) is where to follow what happened and what we will change.${
              current.content.overview.trim()
                ? `\n\n${current.content.overview.trim()}`
                : ''
            }`,
          }
        : {
            title: `Post-mortem reviewed: ${current.incidentTitle}`,
            description: current.content.internalEmail.trim(),
          },
    );
    const now = new Date().toISOString();
    const updated = await this.options.store.update(id, {
      version: 'latest',
      actorRef: actor,
      plan: () =>
        request.message === 'incident'
          ? { stakeholdersNotifiedAt: now }
          : { internalEmailSentAt: now },
      onWrite: (tx, postmortem) =>
        request.message === 'incident'
          ? this.complete(
              tx,
              postmortem.incidentId,
              'stakeholders-emailed',
              actor,
            )
          : Promise.resolve(),
    });
    return { ...(await this.present(updated, incident)), recipientRefs };
  }

  /** The scribe's step: finds TODOs and key events in a chat transcript and keeps them for a decision. */
  async importChat(
    id: string,
    transcript: string,
  ): Promise<{ added: number; proposals: StoredChatProposal[] }> {
    const current = await this.options.store.get(id);
    if (!current) throw new NotFoundError(`No post-mortem with id ${id}`);
    if (Buffer.byteLength(transcript, 'utf8') > CHAT_TRANSCRIPT_MAX_BYTES) {
      throw new InputError(
        `transcript: is larger than ${CHAT_TRANSCRIPT_MAX_BYTES} bytes`,
      );
    }
    const incident = await this.options.incidents.getIncident(
      current.incidentId,
    );
    const parsed = parseChatTranscript(transcript, {
      referenceDate: incident.startedAt,
    });
    const added = await this.options.store.addChatProposals(
      id,
      parsed.proposals,
    );
    return { added, proposals: await this.options.store.listChatProposals(id) };
  }

  async listChatProposals(id: string): Promise<StoredChatProposal[]> {
    if (!(await this.options.store.get(id))) {
      throw new NotFoundError(`No post-mortem with id ${id}`);
    }
    return this.options.store.listChatProposals(id);
  }

  /** Accepting a TODO adds an action item; accepting a key event adds a timeline row. */
  async decideChatProposal(
    id: string,
    key: string,
    decision: 'accept' | 'drop',
    credentials: BackstageCredentials,
  ): Promise<StoredChatProposal> {
    const current = await this.options.store.get(id);
    if (!current) throw new NotFoundError(`No post-mortem with id ${id}`);
    const actor = actorRef(credentials);
    const incident = await this.options.incidents.getIncident(
      current.incidentId,
    );
    return this.options.store.decideChatProposal({
      postmortemId: id,
      key,
      decision: decision === 'accept' ? 'accepted' : 'dropped',
      actorRef: actor,
      apply: async (tx, proposal) => {
        if (proposal.kind === 'action-item') {
          await this.options.followupStore.createActionItem(
            incident.id,
            {
              ...this.options.followups.actionItemDefaults(incident),
              title: proposal.text.slice(0, 300),
              description: `From the incident chat: ${proposal.author} at ${proposal.at}`,
              kind: 'prevention',
              priority: 'P1',
              ticketUrl: null,
              addedBy: actor,
            },
            tx,
          );
          return;
        }
        await this.options.store.updateIn(tx, id, {
          version: 'latest',
          actorRef: actor,
          plan: latest => ({
            content: {
              ...latest.content,
              timeline: [
                ...latest.content.timeline,
                {
                  id: `chat-${proposal.key}`,
                  at: proposal.at,
                  event: `${proposal.author}: ${proposal.text}`.slice(0, 2000),
                  link: null,
                },
              ].sort((a, b) => a.at.localeCompare(b.at)),
            },
          }),
        });
      },
    });
  }

  /** The managers the catalog names for the entities; none when it cannot be asked. */
  private async managersOf(entityRefs: string[]): Promise<string[]> {
    try {
      return await this.options.ownership.managersOf(
        entityRefs,
        await this.options.serviceCredentials(),
      );
    } catch (error) {
      if (error instanceof CatalogUnavailableError) return [];
      throw error;
    }
  }

  /** Invitees' email addresses for the calendar invite; none when the catalog cannot be asked. */
  async emailsOf(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, string>> {
    try {
      return await this.options.ownership.emailsOf(refs, credentials);
    } catch (error) {
      if (error instanceof CatalogUnavailableError) return new Map();
      throw error;
    }
  }

  /** The post-mortem with what is computed from its incident: deadline, meeting state, invitees. */
  async present(
    record: PostmortemRecord,
    incident?: IncidentDetail,
  ): Promise<Postmortem> {
    const detail =
      incident ?? (await this.options.incidents.getIncident(record.incidentId));
    const deadline = meetingDeadline(
      record.incidentResolvedAt,
      record.incidentSeverity,
      this.options.policy,
    );
    const { meetingReminderFor: _reminder, invitees, ...rest } = record;
    return {
      ...rest,
      meetingDeadline: deadline,
      meetingState: meetingState(record, deadline),
      invitees:
        invitees ??
        defaultInvitees(
          detail,
          record.ownerRef,
          await this.managersOf(detail.entityRefs),
        ),
      inviteesEdited: invitees !== null,
    };
  }

  /** Ticks the steps that complete themselves, in the write's transaction. */
  private async complete(
    tx: Knex.Transaction,
    incidentId: string,
    completion:
      | 'postmortem-owner-assigned'
      | 'stakeholders-emailed'
      | 'status-page-updated',
    actor: string,
  ) {
    await this.options.followupStore.completeAutomatically(
      tx,
      incidentId,
      completion,
      actor,
    );
  }

  private async checkRefs(
    refs: { field: string; ref: string }[],
    credentials: BackstageCredentials,
  ) {
    try {
      await this.options.ownership.checkRefsExist(refs, credentials);
    } catch (error) {
      // A ref the catalog cannot confirm right now is taken as given.
      if (!(error instanceof CatalogUnavailableError)) throw error;
    }
  }
}

/** A save: the sections it carries replace those stored; the rest stay. */
export function applyContentPatch(
  content: PostmortemContent,
  patch: PostmortemContentPatch,
): PostmortemContent {
  return {
    ...content,
    ...patch,
    impact: { ...content.impact, ...patch.impact },
    externalMessage: { ...content.externalMessage, ...patch.externalMessage },
    callRecordingUrl:
      patch.callRecordingUrl !== undefined
        ? patch.callRecordingUrl
        : content.callRecordingUrl,
  };
}
