import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConflictError, stringifyError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createIncidentRequestSchema } from '@incident-followups/plugin-incident-followups-common';
import {
  IncidentSource,
  SourceIncident,
} from '@incident-followups/plugin-incident-followups-node';
import { IncidentService } from '../service/IncidentService';
import {
  catalogServiceMapping,
  catalogUsersByEmail,
} from './catalogServiceMapping';
import { SourceSyncStore } from './SourceSyncStore';

/** How far each window reaches back before the cursor, for incidents the source listed late. */
const WINDOW_OVERLAP_MS = 10 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What one run of a source sync did. */
export interface SourceSyncReport {
  services: number;
  failedServices: number;
  created: number;
  updated: number;
  grouped: number;
  events: number;
}

/**
 * Brings the incidents of one source into the portal: for each mapped service, the
 * incidents created since its cursor; then the imported ones still open, so that
 * their later changes arrive too. The cursor moves only after a service's window
 * was read to its end, and every write is keyed by the source's ids, so an
 * interrupted, repeated or concurrent run adds nothing twice.
 */
export class IncidentSourceSync {
  private readonly actorRef: string;

  constructor(
    private readonly options: {
      source: IncidentSource;
      store: SourceSyncStore;
      incidents: IncidentService;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {
    this.actorRef = `source:${options.source.type}`;
  }

  async run(signal?: AbortSignal): Promise<SourceSyncReport> {
    const { source, store, logger } = this.options;
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const mapping = await catalogServiceMapping(
      this.options.catalog,
      source.serviceAnnotation,
      credentials,
    );
    const report: SourceSyncReport = {
      services: mapping.size,
      failedServices: 0,
      created: 0,
      updated: 0,
      grouped: 0,
      events: 0,
    };
    const seen = new Set<string>();
    const merges = new Map<string, string>();
    for (const [serviceId, entityRefs] of mapping) {
      const until = this.now();
      await store.recordAttempt(source.type, serviceId, until);
      try {
        const status = await store.getService(source.type, serviceId);
        const since = status?.cursorAt
          ? new Date(Date.parse(status.cursorAt) - WINDOW_OVERLAP_MS)
          : new Date(until.getTime() - source.initialLookbackDays * DAY_MS);
        let imported = 0;
        for await (const page of source.listIncidents({
          serviceIds: [serviceId],
          since: since.toISOString(),
          until: until.toISOString(),
          signal,
        })) {
          for (const incident of page) {
            if (
              await this.importIncident(
                incident,
                entityRefs,
                credentials,
                report,
                signal,
              )
            ) {
              imported++;
            }
            seen.add(incident.externalId);
            if (incident.mergedIntoExternalId) {
              merges.set(incident.externalId, incident.mergedIntoExternalId);
            }
          }
        }
        await store.recordSuccess(source.type, serviceId, {
          cursorAt: until,
          syncedAt: this.now(),
          imported,
        });
      } catch (error) {
        report.failedServices++;
        const message =
          error instanceof Error ? error.message : stringifyError(error);
        logger.warn(
          `Sync of ${source.type} service ${serviceId} failed: ${message}`,
        );
        await store.recordFailure(source.type, serviceId, message);
      }
    }

    await this.refreshOpenIncidents(
      mapping,
      seen,
      merges,
      credentials,
      report,
      signal,
    );
    await this.groupMerged(mapping, merges, credentials, report, signal);
    return report;
  }

  /** Imported incidents still open here but created before the window: their changes. */
  private async refreshOpenIncidents(
    mapping: Map<string, string[]>,
    seen: Set<string>,
    merges: Map<string, string>,
    credentials: BackstageCredentials,
    report: SourceSyncReport,
    signal?: AbortSignal,
  ) {
    const { source, store, logger } = this.options;
    for (const externalId of await store.listOpenExternalIds(source.type)) {
      if (seen.has(externalId)) continue;
      try {
        const incident = await source.getIncident(externalId, { signal });
        const entityRefs = incident && mapping.get(incident.serviceId);
        if (!incident || !entityRefs) continue;
        await this.importIncident(
          incident,
          entityRefs,
          credentials,
          report,
          signal,
        );
        if (incident.mergedIntoExternalId) {
          merges.set(incident.externalId, incident.mergedIntoExternalId);
        }
      } catch (error) {
        // The next run tries again; going on now would repeat the same failure per incident.
        logger.warn(
          `Refresh of open ${
            source.type
          } incidents stopped at ${externalId}: ${stringifyError(error)}`,
        );
        return;
      }
    }
  }

  /** Incidents the source merged into another appear grouped under that one. */
  private async groupMerged(
    mapping: Map<string, string[]>,
    merges: Map<string, string>,
    credentials: BackstageCredentials,
    report: SourceSyncReport,
    signal?: AbortSignal,
  ) {
    const { source, store, incidents, logger } = this.options;
    for (const [childExternalId, primaryExternalId] of merges) {
      try {
        const childId = await store.findIncidentId(
          source.type,
          childExternalId,
        );
        let primaryId = await store.findIncidentId(
          source.type,
          primaryExternalId,
        );
        if (!primaryId) {
          const primary = await source.getIncident(primaryExternalId, {
            signal,
          });
          const entityRefs = primary && mapping.get(primary.serviceId);
          if (primary && entityRefs) {
            await this.importIncident(
              primary,
              entityRefs,
              credentials,
              report,
              signal,
            );
            primaryId = await store.findIncidentId(
              source.type,
              primaryExternalId,
            );
          }
        }
        if (!childId || !primaryId) continue;
        const primary = await incidents.getIncident(primaryId);
        if (primary.relatedIncidents.some(r => r.id === childId)) continue;
        await incidents.groupIncidents(primaryId, [childId], credentials);
        report.grouped++;
      } catch (error) {
        logger.warn(
          `Grouping ${
            source.type
          } incident ${childExternalId} under ${primaryExternalId} failed: ${stringifyError(
            error,
          )}`,
        );
      }
    }
  }

  /** Creates or updates one incident and adds its events; true when it was new. */
  private async importIncident(
    incident: SourceIncident,
    entityRefs: string[],
    credentials: BackstageCredentials,
    report: SourceSyncReport,
    signal?: AbortSignal,
  ): Promise<boolean> {
    const { source, store, incidents } = this.options;
    let id = await store.findIncidentId(source.type, incident.externalId);
    let created = false;
    if (!id) {
      const responders = (
        await catalogUsersByEmail(
          this.options.catalog,
          incident.responderEmails,
          credentials,
        )
      ).map(userRef => ({ role: 'subject-matter-expert' as const, userRef }));
      const request = createIncidentRequestSchema.parse({
        title: incident.title.slice(0, 300),
        description: incident.description.slice(0, 20_000),
        severity: incident.severity,
        finalSeverity:
          incident.status === 'resolved' ? incident.severity : null,
        status: incident.status,
        startedAt: incident.startedAt,
        acknowledgedAt: incident.acknowledgedAt,
        resolvedAt: incident.resolvedAt,
        entityRefs,
        responders,
        source: {
          type: source.type,
          externalId: incident.externalId,
          url: incident.url,
        },
      });
      const result = await incidents.createIncident(request, credentials);
      id = result.id;
      created = result.created;
      if (created) report.created++;
    }
    if (!created && (await this.updateIncident(id, incident, credentials))) {
      report.updated++;
    }
    const events = await source.listEvents(incident.externalId, { signal });
    report.events += await store.addEvents(id, this.actorRef, events);
    return created;
  }

  /** Takes the source's title and course (status and its times); true when something changed. */
  private async updateIncident(
    id: string,
    incident: SourceIncident,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.options.incidents.getIncident(id);
      const title = incident.title.slice(0, 300);
      const change = {
        ...(current.title !== title ? { title } : {}),
        ...(current.status !== incident.status
          ? { status: incident.status }
          : {}),
        ...(current.acknowledgedAt !== incident.acknowledgedAt &&
        incident.acknowledgedAt
          ? { acknowledgedAt: incident.acknowledgedAt }
          : {}),
        ...(current.resolvedAt !== incident.resolvedAt
          ? { resolvedAt: incident.resolvedAt }
          : {}),
        ...(incident.status === 'resolved' && !current.finalSeverity
          ? { finalSeverity: current.severity }
          : {}),
      };
      if (Object.keys(change).length === 0) return false;
      try {
        await this.options.incidents.updateIncident(
          id,
          { version: current.version, ...change },
          credentials,
        );
        return true;
      } catch (error) {
        // Someone edited the incident meanwhile: plan again from their version.
        if (!(error instanceof ConflictError) || attempt >= 2) throw error;
      }
    }
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
