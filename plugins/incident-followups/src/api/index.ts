export { incidentFollowupsApiRef } from './IncidentFollowupsApi';
export type {
  AgendaPageQuery,
  ChatProposalState,
  PostmortemChanges,
  FollowupChanges,
  ListFollowupsOptions,
  NewActionItem,
  IncidentChanges,
  IncidentFollowupsApi,
  ListIncidentsOptions,
  NewIncident,
  TeamOverviewOptions,
} from './IncidentFollowupsApi';
export { IncidentFollowupsClient } from './IncidentFollowupsClient';
