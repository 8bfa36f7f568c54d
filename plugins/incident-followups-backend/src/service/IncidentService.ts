import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  CreateIncidentRequest,
  IncidentDetail,
  IncidentWriteResult,
  planIncidentUpdate,
  Responder,
  UpdateIncidentRequest,
} from '@incident-followups/plugin-incident-followups-common';
import {
  CatalogOwnershipResolver,
  CatalogUnavailableError,
} from '../catalog/CatalogOwnershipResolver';
import {
  IncidentStore,
  Ownership,
  ResolvedHook,
} from '../database/IncidentStore';
import { actorRef } from './actorRef';

const UNKNOWN_OWNERSHIP: Ownership = {
  ownerRefs: [],
  ancestorGroupRefs: [],
  indirectEntityRefs: [],
  stale: true,
};

function catalogWarning(error: CatalogUnavailableError): string {
  return `The owning teams could not be looked up (${error.message}); they are filled in once the catalog answers.`;
}

/** Incidents: creation, changes, grouping, and owners kept in step with the catalog. */
export class IncidentService {
  constructor(
    private readonly options: {
      store: IncidentStore;
      ownership: CatalogOwnershipResolver;
      auth: AuthService;
      logger: LoggerService;
      /** What resolving an incident brings along, stored in the same transaction. */
      onResolved?: (actorRef: string) => ResolvedHook;
    },
  ) {}

  async createIncident(
    request: CreateIncidentRequest,
    credentials: BackstageCredentials,
    options: { id?: string; resolveOwnersLater?: boolean } = {},
  ): Promise<IncidentWriteResult & { created: boolean }> {
    const warnings: string[] = [];
    let ownership = UNKNOWN_OWNERSHIP;
    if (!options.resolveOwnersLater) {
      ownership = await this.checkAndResolve(request, credentials, warnings);
    }
    const actor = actorRef(credentials);
    const { incident, created } = await this.options.store.createIncident(
      request,
      {
        id: options.id,
        ownership,
        actorRef: actor,
        onResolved: this.options.onResolved?.(actor),
      },
    );
    return { ...(await this.getIncident(incident.id)), warnings, created };
  }

  private async checkAndResolve(
    request: CreateIncidentRequest,
    credentials: BackstageCredentials,
    warnings: string[],
  ): Promise<Ownership> {
    try {
      await this.options.ownership.checkRefsExist(
        [
          ...request.entityRefs.map((ref, i) => ({
            field: `entityRefs.${i}`,
            ref,
          })),
          ...this.responderRefs(request.responders),
        ],
        credentials,
      );
      return await this.options.ownership.resolve(
        request.entityRefs,
        credentials,
      );
    } catch (error) {
      if (!(error instanceof CatalogUnavailableError)) throw error;
      warnings.push(catalogWarning(error));
      this.options.logger.warn(
        `Incident stored without owners: ${error.message}`,
      );
      return UNKNOWN_OWNERSHIP;
    }
  }

  async getIncident(id: string): Promise<IncidentDetail> {
    const incident = await this.options.store.getIncidentDetail(id);
    if (!incident) {
      throw new NotFoundError(`No incident with id ${id}`);
    }
    return incident;
  }

  async updateIncident(
    id: string,
    request: UpdateIncidentRequest,
    credentials: BackstageCredentials,
  ): Promise<IncidentWriteResult> {
    const warnings: string[] = [];
    if (request.responders) {
      try {
        await this.options.ownership.checkRefsExist(
          this.responderRefs(request.responders),
          credentials,
        );
      } catch (error) {
        if (!(error instanceof CatalogUnavailableError)) throw error;
        warnings.push(
          `The responders could not be checked against the catalog (${error.message}).`,
        );
      }
    }
    const actor = actorRef(credentials);
    await this.options.store.updateIncident(id, {
      version: request.version,
      plan: current => planIncidentUpdate(current, request, new Date()),
      actorRef: actor,
      onResolved: this.options.onResolved?.(actor),
    });
    return { ...(await this.getIncident(id)), warnings };
  }

  async groupIncidents(
    primaryId: string,
    childIds: string[],
    credentials: BackstageCredentials,
  ): Promise<IncidentDetail> {
    await this.options.store.groupIncidents(
      primaryId,
      childIds,
      actorRef(credentials),
    );
    return this.getIncident(primaryId);
  }

  async ungroupIncident(
    primaryId: string,
    childId: string,
    credentials: BackstageCredentials,
  ): Promise<IncidentDetail> {
    await this.options.store.ungroupIncident(
      primaryId,
      childId,
      actorRef(credentials),
    );
    return this.getIncident(primaryId);
  }

  /**
   * Asks the catalog again who owns the open incidents (and those stored while the
   * catalog was down), with the plugin's own credentials, so that incidents follow
   * a service that moved to another team.
   */
  /**
   * Asks the catalog again who owns the open incidents and those stored
   * without owners; `stale`: those whose entities the catalog still lacks.
   */
  async refreshOwnership(): Promise<{
    checked: number;
    changed: number;
    stale: number;
  }> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    let checked = 0;
    let changed = 0;
    let stale = 0;
    let afterId: string | undefined;
    for (;;) {
      const batch = await this.options.store.listIncidentsToRefresh({
        limit: 100,
        afterId,
      });
      if (batch.length === 0) break;
      for (const incident of batch) {
        const ownership = await this.options.ownership.resolve(
          incident.entityRefs,
          credentials,
        );
        if (
          await this.options.store.replaceOwnership(
            incident.id,
            ownership,
            'catalog',
          )
        ) {
          changed++;
        }
        if (ownership.stale) stale++;
        checked++;
      }
      afterId = batch[batch.length - 1].id;
    }
    return { checked, changed, stale };
  }

  private responderRefs(responders: Responder[]) {
    return responders.map((r, i) => ({
      field: `responders.${i}.userRef`,
      ref: r.userRef,
    }));
  }
}
