export { incidentFollowupsApiRef } from './IncidentFollowupsApi';
export type {
  FollowupChanges,
  ListFollowupsOptions,
  NewActionItem,
  IncidentChanges,
  IncidentFollowupsApi,
  ListIncidentsOptions,
  NewIncident,
} from './IncidentFollowupsApi';
export { IncidentFollowupsClient } from './IncidentFollowupsClient';
