export { incidentFollowupsApiRef } from './IncidentFollowupsApi';
export type {
  IncidentFollowupsApi,
  ListIncidentsOptions,
} from './IncidentFollowupsApi';
export { IncidentFollowupsClient } from './IncidentFollowupsClient';
