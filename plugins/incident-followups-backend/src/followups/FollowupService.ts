import {
  BackstageCredentials,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  AutoCompletion,
  CreateActionItemRequest,
  dueDate,
  Followup,
  Incident,
  planRoleFollowups,
  Severity,
  UpdateFollowupRequest,
} from '@incident-followups/plugin-incident-followups-common';
import { Knex } from 'knex';
import {
  CatalogOwnershipResolver,
  CatalogUnavailableError,
} from '../catalog/CatalogOwnershipResolver';
import {
  FollowupListQuery,
  FollowupStore,
  NewActionItem,
} from '../database/FollowupStore';
import { ListCounter } from '../database/cursor';
import { IncidentStore, ResolvedHook } from '../database/IncidentStore';
import { actorRef } from '../service/actorRef';
import { FollowupsConfig } from './readFollowupsConfig';

/** Followups: the role checklists that resolution brings, and action items. */
export class FollowupService {
  constructor(
    private readonly options: {
      followups: FollowupStore;
      incidents: IncidentStore;
      ownership: CatalogOwnershipResolver;
      userInfo: UserInfoService;
      config: FollowupsConfig;
    },
  ) {}

  /**
   * Stores the role steps in the transaction that resolves the incident, ticking
   * those whose post-mortem step happened before the resolution.
   */
  roleFollowupsOnResolution(actor: string): ResolvedHook {
    const { checklists, policy } = this.options.config;
    return async (tx, incident) => {
      await this.options.followups.insertRoleFollowups(
        tx,
        incident.id,
        planRoleFollowups(incident, checklists, policy),
        actor,
      );
      const postmortem = await tx('postmortems')
        .where({ incident_id: incident.id })
        .first('stakeholders_notified_at', 'status_page_posted_at');
      if (!postmortem) return;
      const done: AutoCompletion[] = ['postmortem-owner-assigned'];
      if (postmortem.stakeholders_notified_at)
        done.push('stakeholders-emailed');
      if (postmortem.status_page_posted_at) done.push('status-page-updated');
      for (const completion of done) {
        await this.options.followups.completeAutomatically(
          tx,
          incident.id,
          completion,
          actor,
        );
      }
    };
  }

  async listForIncident(incidentId: string) {
    await this.requireIncident(incidentId);
    return this.options.followups.listFollowups({ incidentId, limit: 500 });
  }

  async get(id: string): Promise<Followup> {
    const followup = await this.options.followups.getFollowup(id);
    if (!followup) throw new NotFoundError(`No followup with id ${id}`);
    return followup;
  }

  /** Followups by query; a person's include those owned by the groups they are in. */
  async list(
    query: Omit<FollowupListQuery, 'assigneeGroupRefs'>,
    credentials: BackstageCredentials,
    counter?: ListCounter,
  ) {
    return this.options.followups.listFollowups(
      {
        ...query,
        assigneeGroupRefs: query.assigneeRef
          ? await this.groupsOf(query.assigneeRef, credentials)
          : [],
      },
      counter,
    );
  }

  /**
   * The groups whose followups are a person's too. Their own list takes the
   * groups their sign-in gave them (their identity's ownership refs, as the
   * permission policy and the catalog's "Owned" filter see them), with no
   * catalog call; anyone else's, the person's memberships in the catalog.
   */
  private async groupsOf(
    userRef: string,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const principal = credentials.principal as Partial<BackstageUserPrincipal>;
    if (
      principal.type === 'user' &&
      principal.userEntityRef?.toLowerCase() === userRef
    ) {
      const { ownershipEntityRefs } = await this.options.userInfo.getUserInfo(
        credentials,
      );
      return ownershipEntityRefs
        .map(ref => ref.toLowerCase())
        .filter(ref => ref.startsWith('group:'));
    }
    try {
      return await this.options.ownership.groupsOf(userRef, credentials);
    } catch (error) {
      // Without the catalog, a person still sees what they own themselves.
      if (!(error instanceof CatalogUnavailableError)) throw error;
      return [];
    }
  }

  async addActionItem(
    incidentId: string,
    request: CreateActionItemRequest,
    credentials: BackstageCredentials,
  ): Promise<Followup> {
    const item = await this.planActionItem(incidentId, request, credentials);
    return this.options.followups.createActionItem(incidentId, item);
  }

  /**
   * Checks a new action item (its incident, its owner in the catalog) and fills
   * in the defaults, before anything is written.
   */
  async planActionItem(
    incidentId: string,
    request: CreateActionItemRequest,
    credentials: BackstageCredentials,
  ): Promise<NewActionItem> {
    const incident = await this.requireIncident(incidentId);
    if (request.ownerRef) {
      await this.checkOwner(request.ownerRef, credentials);
    }
    const severity = incident.finalSeverity ?? incident.severity;
    return {
      title: request.title,
      description: request.description,
      kind: request.kind,
      priority: request.priority,
      ownerRef:
        request.ownerRef === undefined
          ? incident.ownerRefs[0] ?? null
          : request.ownerRef,
      dueAt:
        request.dueAt !== undefined ? request.dueAt : this.defaultDue(severity),
      ticketUrl: request.ticketUrl,
      addedBy: actorRef(credentials),
    };
  }

  /** Stores a planned action item inside the caller's transaction. */
  storePlannedActionItem(
    tx: Knex.Transaction,
    incidentId: string,
    item: NewActionItem,
  ): Promise<Followup> {
    return this.options.followups.createActionItem(incidentId, item, tx);
  }

  /** The owner and due date a new action item of this incident gets unless told otherwise. */
  actionItemDefaults(incident: Incident) {
    return {
      ownerRef: incident.ownerRefs[0] ?? null,
      dueAt: this.defaultDue(incident.finalSeverity ?? incident.severity),
    };
  }

  async updateFollowup(
    id: string,
    request: UpdateFollowupRequest,
    credentials: BackstageCredentials,
  ): Promise<Followup> {
    if (request.ownerRef) {
      await this.checkOwner(request.ownerRef, credentials);
    }
    const { version, ...changes } = request;
    return this.options.followups.updateFollowup(
      id,
      version,
      changes,
      actorRef(credentials),
    );
  }

  /** The policy's due date for a new action item of an incident of this severity. */
  private defaultDue(severity: Severity): string | null {
    const offset = this.options.config.actionItemDue[severity];
    return offset
      ? dueDate(new Date(), offset, this.options.config.policy)
      : null;
  }

  private async requireIncident(id: string) {
    const incident = await this.options.incidents.getIncident(id);
    if (!incident) throw new NotFoundError(`No incident with id ${id}`);
    return incident;
  }

  private async checkOwner(
    ownerRef: string,
    credentials: BackstageCredentials,
  ) {
    try {
      await this.options.ownership.checkRefsExist(
        [{ field: 'ownerRef', ref: ownerRef }],
        credentials,
      );
    } catch (error) {
      // An owner the catalog cannot confirm right now is taken as given.
      if (!(error instanceof CatalogUnavailableError)) throw error;
    }
  }
}
