import { createApiRef } from '@backstage/core-plugin-api';
import {
  Incident,
  IncidentDetail,
  IncidentStatus,
  IncidentWriteResult,
  Page,
  Responder,
  Severity,
} from '@incident-followups/plugin-incident-followups-common';

/** @public */
export interface ListIncidentsOptions {
  entityRef?: string;
  ownerRef?: string;
  statuses?: IncidentStatus[];
  severities?: Severity[];
  since?: string;
  until?: string;
  includeGrouped?: boolean;
  limit?: number;
  cursor?: string;
}

/** @public */
export interface NewIncident {
  title: string;
  description?: string;
  severity: Severity;
  status?: IncidentStatus;
  startedAt: string;
  entityRefs: string[];
  responders?: Responder[];
}

/** @public */
export interface IncidentChanges {
  /** The version the change is based on; a newer one on the server is a conflict. */
  version: number;
  title?: string;
  description?: string;
  severity?: Severity;
  finalSeverity?: Severity | null;
  status?: IncidentStatus;
  responders?: Responder[];
}

/**
 * The incident-followups REST API, as the frontend uses it.
 *
 * @public
 */
export interface IncidentFollowupsApi {
  listIncidents(options: ListIncidentsOptions): Promise<Page<Incident>>;
  getIncident(id: string): Promise<IncidentDetail>;
  createIncident(incident: NewIncident): Promise<IncidentWriteResult>;
  updateIncident(
    id: string,
    changes: IncidentChanges,
  ): Promise<IncidentWriteResult>;
  groupIncidents(
    primaryId: string,
    incidentIds: string[],
  ): Promise<IncidentDetail>;
  ungroupIncident(
    primaryId: string,
    relatedId: string,
  ): Promise<IncidentDetail>;
}

/** @public */
export const incidentFollowupsApiRef = createApiRef<IncidentFollowupsApi>({
  id: 'plugin.incident-followups.service',
});
