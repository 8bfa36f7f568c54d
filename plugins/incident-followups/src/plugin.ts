import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { incidentFollowupsApiRef } from './api/IncidentFollowupsApi';
import { IncidentFollowupsClient } from './api/IncidentFollowupsClient';
import {
  incidentRouteRef,
  myFollowupsRouteRef,
  processReviewsRouteRef,
  rootRouteRef,
  teamFollowupsRouteRef,
} from './routes';

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
  routes: {
    root: rootRouteRef,
    incident: incidentRouteRef,
    myFollowups: myFollowupsRouteRef,
    teamFollowups: teamFollowupsRouteRef,
    processReviews: processReviewsRouteRef,
  },
});

/**
 * The Incidents tab for a component's page, for `EntityLayout.Route` in legacy apps.
 *
 * @public
 */
export const EntityIncidentFollowupsContent = incidentFollowupsPlugin.provide(
  createComponentExtension({
    name: 'EntityIncidentFollowupsContent',
    component: {
      lazy: () =>
        import('./components/EntityIncidentsContent').then(
          m => m.EntityIncidentsContent,
        ),
    },
  }),
);

/**
 * The plugin's page (all incidents, and each incident's page under
 * `incidents/:incidentId`), for a `<Route path="/incident-followups">` in legacy apps.
 *
 * @public
 */
export const IncidentFollowupsPage = incidentFollowupsPlugin.provide(
  createRoutableExtension({
    name: 'IncidentFollowupsPage',
    component: () =>
      import('./components/IncidentFollowupsPage').then(
        m => m.IncidentFollowupsPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * My followups, for a `<Route path="/my-followups">` in legacy apps.
 *
 * @public
 */
export const MyFollowupsPage = incidentFollowupsPlugin.provide(
  createRoutableExtension({
    name: 'MyFollowupsPage',
    component: () =>
      import('./components/MyFollowupsPage').then(m => m.MyFollowupsPage),
    mountPoint: myFollowupsRouteRef,
  }),
);

/**
 * A post-mortem in the search page's results, for a `<SearchResult>` in legacy
 * apps (`<PostmortemSearchResultListItem />` where `type` is `incident-postmortem`).
 *
 * @public
 */
export const PostmortemSearchResultListItem = incidentFollowupsPlugin.provide(
  createComponentExtension({
    name: 'PostmortemSearchResultListItem',
    component: {
      lazy: () =>
        import('./components/PostmortemSearchResultListItem').then(
          m => m.PostmortemSearchResultListItem,
        ),
    },
  }),
);

/**
 * Team followups, for a `<Route path="/team-followups">` in legacy apps.
 *
 * @public
 */
export const TeamFollowupsPage = incidentFollowupsPlugin.provide(
  createRoutableExtension({
    name: 'TeamFollowupsPage',
    component: () =>
      import('./components/TeamFollowups').then(m => m.TeamFollowupsPage),
    mountPoint: teamFollowupsRouteRef,
  }),
);

/**
 * The team followups card for a group's page (`EntityLayout` of groups) in legacy apps.
 *
 * @public
 */
export const EntityTeamFollowupsCard = incidentFollowupsPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamFollowupsCard',
    component: {
      lazy: () =>
        import('./components/TeamFollowups').then(m => m.TeamFollowupsCard),
    },
  }),
);

/**
 * Process reviews (the meetings and each meeting's page), for a
 * `<Route path="/process-reviews">` in legacy apps.
 *
 * @public
 */
export const ProcessReviewsPage = incidentFollowupsPlugin.provide(
  createRoutableExtension({
    name: 'ProcessReviewsPage',
    component: () =>
      import('./components/ProcessReviews').then(m => m.ProcessReviewsPage),
    mountPoint: processReviewsRouteRef,
  }),
);
