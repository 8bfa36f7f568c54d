import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { durationToMilliseconds } from '@backstage/types';
import { readDurationFromConfig } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { resolve as resolvePath } from 'node:path';
import { CatalogOwnershipResolver } from './catalog/CatalogOwnershipResolver';
import { DatabaseFollowupStore } from './database/DatabaseFollowupStore';
import { DatabaseIncidentStore } from './database/DatabaseIncidentStore';
import { FollowupService } from './followups/FollowupService';
import { readFollowupsConfig } from './followups/readFollowupsConfig';
import { seedDemoIncidents } from './demo/seedDemoIncidents';
import { IncidentService } from './service/IncidentService';
import { createRouter } from './service/router';

/**
 * The incident-followups backend plugin: incidents, their followups and post-mortems.
 *
 * @public
 */
export const incidentFollowupsPlugin = createBackendPlugin({
  pluginId: 'incident-followups',
  register(env) {
    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init(deps) {
        const {
          auditor,
          auth,
          catalog,
          config,
          database,
          httpAuth,
          httpRouter,
          logger,
          scheduler,
        } = deps;
        const store = await DatabaseIncidentStore.create({ database });

        const ownershipConfig = config.getOptionalConfig(
          'incidentFollowups.ownership',
        );
        const catalogTimeout = ownershipConfig?.has('catalogTimeout')
          ? durationToMilliseconds(
              readDurationFromConfig(ownershipConfig, {
                key: 'catalogTimeout',
              }),
            )
          : 5_000;
        const ownership = new CatalogOwnershipResolver(catalog, catalogTimeout);
        const followups = new FollowupService({
          followups: new DatabaseFollowupStore(store.db),
          incidents: store,
          ownership,
          config: readFollowupsConfig(config),
        });
        const incidents = new IncidentService({
          store,
          ownership,
          auth,
          logger,
          onResolved: actor => followups.roleFollowupsOnResolution(actor),
        });

        const demoData = config.getOptionalConfig('incidentFollowups.demoData');
        if (demoData?.getOptionalBoolean('enabled')) {
          await seedDemoIncidents({
            file: resolvePath(demoData.getString('incidentsFile')),
            incidents,
            store,
            credentials: await auth.getOwnServiceCredentials(),
            logger,
          });
        }

        const schedule = ownershipConfig?.has('schedule')
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              ownershipConfig.getConfig('schedule'),
            )
          : {
              frequency: { minutes: 5 },
              timeout: { minutes: 5 },
              initialDelay: { seconds: 15 },
            };
        await scheduler.scheduleTask({
          id: 'incident-followups-refresh-ownership',
          scope: 'global',
          ...schedule,
          fn: async () => {
            const { checked, changed } = await incidents.refreshOwnership();
            logger.info(
              `Owning teams refreshed from the catalog: ${checked} incidents checked, ${changed} changed`,
            );
          },
        });

        httpRouter.use(
          await createRouter({
            auditor,
            httpAuth,
            incidents,
            followups,
            store,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
