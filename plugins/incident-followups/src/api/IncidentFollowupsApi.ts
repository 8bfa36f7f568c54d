import { createApiRef } from '@backstage/core-plugin-api';
import {
  Incident,
  Page,
} from '@incident-followups/plugin-incident-followups-common';

/** @public */
export interface ListIncidentsOptions {
  entityRef?: string;
  limit?: number;
  cursor?: string;
}

/**
 * The incident-followups REST API, as the frontend uses it.
 *
 * @public
 */
export interface IncidentFollowupsApi {
  listIncidents(options: ListIncidentsOptions): Promise<Page<Incident>>;
}

/** @public */
export const incidentFollowupsApiRef = createApiRef<IncidentFollowupsApi>({
  id: 'plugin.incident-followups.service',
});
