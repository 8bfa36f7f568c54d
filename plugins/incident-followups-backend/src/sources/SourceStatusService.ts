import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SourceServiceSync } from '@incident-followups/plugin-incident-followups-common';
import { IncidentSource } from '@incident-followups/plugin-incident-followups-node';
import { catalogServiceMapping } from './catalogServiceMapping';
import { SourceSyncStore } from './SourceSyncStore';

/** Which source services the catalog maps, and how their sync is going. */
export class SourceStatusService {
  constructor(
    private readonly options: {
      sources: IncidentSource[];
      store: SourceSyncStore;
      catalog: CatalogService;
    },
  ) {}

  /** Every mapped service, or those of one entity; services never synced show no times. */
  async list(
    credentials: BackstageCredentials,
    entityRef?: string,
  ): Promise<SourceServiceSync[]> {
    const { sources, store, catalog } = this.options;
    const result: SourceServiceSync[] = [];
    for (const source of sources) {
      let mapping: Map<string, string[]>;
      if (entityRef) {
        const entity = await catalog.getEntityByRef(entityRef, { credentials });
        if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
        const serviceId =
          entity.metadata.annotations?.[source.serviceAnnotation]?.trim();
        mapping = new Map(serviceId ? [[serviceId, [entityRef]]] : []);
      } else {
        mapping = await catalogServiceMapping(
          catalog,
          source.serviceAnnotation,
          credentials,
        );
      }
      const statuses = new Map(
        (await store.listServices(source.type)).map(s => [s.serviceId, s]),
      );
      for (const [serviceId, entityRefs] of [...mapping].sort()) {
        const status = statuses.get(serviceId);
        result.push({
          sourceType: source.type,
          serviceId,
          entityRefs: entityRefs.sort(),
          lastAttemptAt: status?.lastAttemptAt ?? null,
          lastSyncedAt: status?.lastSyncedAt ?? null,
          lastError: status?.lastError ?? null,
          importedCount: status?.importedCount ?? 0,
        });
      }
    }
    return result;
  }
}
