export { incidentFollowupsApiRef } from './IncidentFollowupsApi';
export type {
  IncidentChanges,
  IncidentFollowupsApi,
  ListIncidentsOptions,
  NewIncident,
} from './IncidentFollowupsApi';
export { IncidentFollowupsClient } from './IncidentFollowupsClient';
