import { createBackend } from '@backstage/backend-defaults';
import { notificationEmailTemplateModule } from './notificationEmailTemplate';
import { permissionPolicyModule } from './permissionPolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@backstage/plugin-permission-backend'));
// Who may do what in incident-followups; see permissionPolicy.ts.
backend.add(permissionPolicyModule);
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
// Emails notifications to the recipients' catalog addresses (spec.profile.email);
// see notifications.processors.email in app-config.yaml.
backend.add(import('@backstage/plugin-notifications-backend-module-email'));
// Escapes what people typed in the HTML mail, and keeps the digests' lines.
backend.add(notificationEmailTemplateModule);
backend.add(import('@backstage/plugin-signals-backend'));
// Serves the registered actions (such as the followup actions) as MCP tools.
backend.add(import('@backstage/plugin-mcp-actions-backend'));
backend.add(import('@incident-followups/plugin-incident-followups-backend'));
// Imports PagerDuty incidents once pagerDuty.apiToken is set.
backend.add(
  import(
    '@incident-followups/plugin-incident-followups-backend-module-pagerduty'
  ),
);
// Action items as tickets: Jira (incidentFollowups.jira; the demo's fake one is
// in app-config.fake-jira.yaml) and GitHub Issues (integrations.github).
backend.add(
  import('@incident-followups/plugin-incident-followups-backend-module-jira'),
);
backend.add(
  import('@incident-followups/plugin-incident-followups-backend-module-github'),
);
// Search: the catalog and the post-mortems, in the in-memory Lunr engine.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(
  import('@incident-followups/plugin-search-backend-module-incident-followups'),
);

backend.start();
