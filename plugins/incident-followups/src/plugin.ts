import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { incidentFollowupsApiRef } from './api/IncidentFollowupsApi';
import { IncidentFollowupsClient } from './api/IncidentFollowupsClient';

const entityContentRouteRef = createRouteRef({
  id: 'incident-followups:entity-content',
});

/**
 * The incident-followups plugin for apps on Backstage's legacy frontend system.
 *
 * @public
 */
export const incidentFollowupsPlugin = createPlugin({
  id: 'incident-followups',
  apis: [
    createApiFactory({
      api: incidentFollowupsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new IncidentFollowupsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { entityContent: entityContentRouteRef },
});

/**
 * The Incidents tab for a component's page, for `EntityLayout.Route` in legacy apps.
 *
 * @public
 */
export const EntityIncidentFollowupsContent = incidentFollowupsPlugin.provide(
  createRoutableExtension({
    name: 'EntityIncidentFollowupsContent',
    component: () =>
      import('./components/EntityIncidentsContent').then(
        m => m.EntityIncidentsContent,
      ),
    mountPoint: entityContentRouteRef,
  }),
);
