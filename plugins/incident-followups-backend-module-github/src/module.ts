import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { ticketTrackersExtensionPoint } from '@incident-followups/plugin-incident-followups-node';
import { GithubTicketTracker } from './GithubTicketTracker';

/**
 * GitHub Issues as the ticket tracker of incident-followups, with the
 * credentials of `integrations.github`.
 *
 * @public
 */
export const incidentFollowupsModuleGithub = createBackendModule({
  pluginId: 'incident-followups',
  moduleId: 'github',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        trackers: ticketTrackersExtensionPoint,
      },
      async init({ config, logger, trackers }) {
        const host =
          config.getOptionalString('incidentFollowups.github.host') ??
          'github.com';
        const integrations = ScmIntegrations.fromConfig(config);
        const integration = integrations.github.byHost(host);
        const { token, apps } = integration?.config ?? {};
        if (!integration || (!token && !apps?.length)) {
          // Anonymous calls cannot create issues.
          logger.info(
            `GitHub issues are off: integrations.github has no token or app for ${host}`,
          );
          return;
        }
        trackers.addTicketTracker(
          new GithubTicketTracker(
            integration.config,
            DefaultGithubCredentialsProvider.fromIntegrations(integrations),
          ),
        );
      },
    });
  },
});
