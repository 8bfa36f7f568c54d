import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { durationToMilliseconds } from '@backstage/types';
import { readDurationFromConfig } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { resolve as resolvePath } from 'node:path';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { registerFollowupActions } from './actions/registerFollowupActions';
import { CatalogOwnershipResolver } from './catalog/CatalogOwnershipResolver';
import { DatabaseFollowupStore } from './database/DatabaseFollowupStore';
import { DatabaseIncidentStore } from './database/DatabaseIncidentStore';
import { FollowupService } from './followups/FollowupService';
import { readFollowupsConfig } from './followups/readFollowupsConfig';
import { seedDemoIncidents } from './demo/seedDemoIncidents';
import { IncidentService } from './service/IncidentService';
import { readReminderHour } from './reminders/readReminderHour';
import { ReminderService } from './reminders/ReminderService';
import { ReminderStore } from './reminders/ReminderStore';
import { IncidentSignals } from './service/IncidentSignals';
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
        notifications: notificationService,
        signals: signalsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
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
          notifications,
          signals,
          actionsRegistry,
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
        const followupStore = new DatabaseFollowupStore(store.db);
        const followupsConfig = readFollowupsConfig(config);
        const followups = new FollowupService({
          followups: followupStore,
          incidents: store,
          ownership,
          config: followupsConfig,
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

        registerFollowupActions(actionsRegistry, followups);

        const remindersConfig = config.getOptionalConfig(
          'incidentFollowups.reminders',
        );
        const reminders = new ReminderService({
          store: new ReminderStore(store.db, followupStore),
          notifications,
          policy: followupsConfig.policy,
          hour: readReminderHour(remindersConfig),
          logger,
        });
        await scheduler.scheduleTask({
          id: 'incident-followups-reminders',
          scope: 'global',
          ...(remindersConfig?.has('schedule')
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                remindersConfig.getConfig('schedule'),
              )
            : {
                frequency: { minutes: 30 },
                timeout: { minutes: 10 },
                initialDelay: { minutes: 1 },
              }),
          fn: async () => {
            const { sent } = await reminders.sendDigests();
            if (sent > 0)
              logger.info(`Followup reminders sent to ${sent} people`);
          },
        });

        httpRouter.use(
          await createRouter({
            auditor,
            httpAuth,
            incidents,
            followups,
            store,
            signals: new IncidentSignals(signals, logger),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
