/**
 * Incidents, followups and post-mortems in the developer portal.
 *
 * The root export serves apps on Backstage's legacy frontend system; apps on the
 * new frontend system use the default export of `/alpha`.
 *
 * @packageDocumentation
 */

export {
  incidentFollowupsPlugin,
  EntityIncidentFollowupsContent,
  IncidentFollowupsPage,
  MyFollowupsPage,
  PostmortemSearchResultListItem,
  TeamFollowupsPage,
  EntityTeamFollowupsCard,
  ProcessReviewsPage,
} from './plugin';
export { isIncidentsTabAvailable } from './isIncidentsTabAvailable';
export { incidentFollowupsApiRef, IncidentFollowupsClient } from './api';
export type {
  IncidentFollowupsApi,
  ListIncidentsOptions,
  TeamOverviewOptions,
} from './api';
