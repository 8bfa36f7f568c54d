import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { IncidentSource } from '@incident-followups/plugin-incident-followups-node';
import { IncidentService } from '../service/IncidentService';
import { IncidentSourceSync } from './IncidentSourceSync';
import { SourceSyncStore } from './SourceSyncStore';

/** One cluster-wide scheduled sync per incident source. */
export async function scheduleSourceSyncs(options: {
  sources: IncidentSource[];
  scheduler: SchedulerService;
  store: SourceSyncStore;
  incidents: IncidentService;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
}): Promise<void> {
  const { sources, scheduler, logger } = options;
  for (const source of sources) {
    const sync = new IncidentSourceSync({ ...options, source });
    await scheduler.scheduleTask({
      id: `incident-followups-sync-${source.type}`,
      scope: 'global',
      ...source.schedule,
      fn: async signal => {
        const report = await sync.run(signal as AbortSignal);
        logger.info(
          `Incidents synced from ${source.type}: ${report.services} services (${report.failedServices} failed), ${report.created} created, ${report.updated} updated, ${report.grouped} grouped, ${report.events} events`,
        );
      },
    });
  }
}
