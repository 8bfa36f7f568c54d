import {
  CreateIncidentRequest,
  Incident,
  Page,
} from '@incident-followups/plugin-incident-followups-common';

/** Filters and paging for listing incidents. */
export interface IncidentListQuery {
  entityRef?: string;
  limit: number;
  cursor?: string;
}

/** The one place that reads and writes incidents. */
export interface IncidentStore {
  /** Stores a new incident; with an `id` that exists already, returns the stored one unchanged. */
  createIncident(
    request: CreateIncidentRequest,
    options?: { id?: string },
  ): Promise<Incident>;
  getIncident(id: string): Promise<Incident | undefined>;
  listIncidents(query: IncidentListQuery): Promise<Page<Incident>>;
}
