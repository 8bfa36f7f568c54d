import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ticketTrackersExtensionPoint } from '@incident-followups/plugin-incident-followups-node';
import { JiraTicketTracker } from './JiraTicketTracker';
import { readJiraConfig } from './readJiraConfig';

/**
 * Jira as the ticket tracker of incident-followups, when `incidentFollowups.jira`
 * is configured.
 *
 * @public
 */
export const incidentFollowupsModuleJira = createBackendModule({
  pluginId: 'incident-followups',
  moduleId: 'jira',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        trackers: ticketTrackersExtensionPoint,
      },
      async init({ config, logger, trackers }) {
        const jira = readJiraConfig(config);
        if (!jira) {
          logger.info(
            'Jira tickets are off: incidentFollowups.jira is not configured',
          );
          return;
        }
        trackers.addTicketTracker(new JiraTicketTracker(jira));
      },
    });
  },
});
