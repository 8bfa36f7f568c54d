import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { incidentSourcesExtensionPoint } from '@incident-followups/plugin-incident-followups-node';
import { PagerDutyClient } from './client/PagerDutyClient';
import { readPagerDutyConfig } from './config/readPagerDutyConfig';
import { PagerDutyIncidentSource } from './source/PagerDutyIncidentSource';

/**
 * Imports PagerDuty incidents of the services that catalog entities name in their
 * `pagerduty.com/service-id` annotation.
 *
 * @public
 */
export const incidentFollowupsModulePagerDuty = createBackendModule({
  pluginId: 'incident-followups',
  moduleId: 'pagerduty',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        sources: incidentSourcesExtensionPoint,
      },
      async init({ config, logger, sources }) {
        const settings = readPagerDutyConfig(config);
        if (!settings) {
          logger.info(
            'No pagerDuty.apiToken configured: PagerDuty incidents are not imported',
          );
          return;
        }
        const client = new PagerDutyClient({
          baseUrl: settings.apiBaseUrl,
          token: settings.apiToken,
          timeoutMs: settings.requestTimeoutMs,
        });
        sources.addIncidentSource(
          new PagerDutyIncidentSource(client, settings),
        );
      },
    });
  },
});
