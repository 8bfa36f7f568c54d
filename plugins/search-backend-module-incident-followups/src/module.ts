import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { PostmortemCollatorFactory } from './PostmortemCollatorFactory';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 5 },
};

/**
 * Indexes post-mortems in Backstage search, with their incident, services, team,
 * severity and date.
 *
 * @public
 */
export const searchModuleIncidentFollowupsCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'incident-followups-collator',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({ config, discovery, auth, scheduler, indexRegistry }) {
        const key = 'search.collators.incidentFollowups.schedule';
        const schedule = config.has(key)
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig(key),
            )
          : DEFAULT_SCHEDULE;
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(schedule),
          factory: new PostmortemCollatorFactory({ discovery, auth }),
        });
      },
    });
  },
});
