import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { resolve as resolvePath } from 'node:path';
import { DatabaseIncidentStore } from './database/DatabaseIncidentStore';
import { seedDemoIncidents } from './demo/seedDemoIncidents';
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
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
      },
      async init({ auditor, config, database, httpAuth, httpRouter, logger }) {
        const incidents = await DatabaseIncidentStore.create({ database });

        const demoData = config.getOptionalConfig('incidentFollowups.demoData');
        if (demoData?.getOptionalBoolean('enabled')) {
          const demoFile = demoData.getString('incidentsFile');
          await seedDemoIncidents({
            file: resolvePath(demoFile),
            store: incidents,
            logger,
          });
        }

        httpRouter.use(await createRouter({ auditor, httpAuth, incidents }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
