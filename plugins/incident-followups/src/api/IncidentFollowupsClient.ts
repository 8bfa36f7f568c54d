import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  Followup,
  Incident,
  IncidentDetail,
  IncidentWriteResult,
  Page,
} from '@incident-followups/plugin-incident-followups-common';
import {
  FollowupChanges,
  IncidentChanges,
  IncidentFollowupsApi,
  ListFollowupsOptions,
  ListIncidentsOptions,
  NewActionItem,
  NewIncident,
} from './IncidentFollowupsApi';

/**
 * Talks to the incident-followups backend with the signed-in user's credentials.
 *
 * @public
 */
export class IncidentFollowupsClient implements IncidentFollowupsApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  async listIncidents(options: ListIncidentsOptions): Promise<Page<Incident>> {
    const params = new URLSearchParams();
    const set = (key: string, value: string | number | undefined) => {
      if (value !== undefined && value !== '') params.set(key, String(value));
    };
    set('entityRef', options.entityRef);
    set('ownerRef', options.ownerRef);
    set('status', options.statuses?.join(','));
    set('severity', options.severities?.join(','));
    set('since', options.since);
    set('until', options.until);
    set('includeGrouped', options.includeGrouped ? 'true' : undefined);
    set('limit', options.limit);
    set('cursor', options.cursor);
    return this.call('GET', `/incidents?${params}`);
  }

  getIncident(id: string): Promise<IncidentDetail> {
    return this.call('GET', `/incidents/${encodeURIComponent(id)}`);
  }

  createIncident(incident: NewIncident): Promise<IncidentWriteResult> {
    return this.call('POST', '/incidents', incident);
  }

  updateIncident(
    id: string,
    changes: IncidentChanges,
  ): Promise<IncidentWriteResult> {
    return this.call('PATCH', `/incidents/${encodeURIComponent(id)}`, changes);
  }

  groupIncidents(
    primaryId: string,
    incidentIds: string[],
  ): Promise<IncidentDetail> {
    return this.call(
      'POST',
      `/incidents/${encodeURIComponent(primaryId)}/related`,
      {
        incidentIds,
      },
    );
  }

  ungroupIncident(
    primaryId: string,
    relatedId: string,
  ): Promise<IncidentDetail> {
    return this.call(
      'DELETE',
      `/incidents/${encodeURIComponent(primaryId)}/related/${encodeURIComponent(
        relatedId,
      )}`,
    );
  }

  listIncidentFollowups(incidentId: string): Promise<Page<Followup>> {
    return this.call(
      'GET',
      `/incidents/${encodeURIComponent(incidentId)}/followups`,
    );
  }

  listFollowups(options: ListFollowupsOptions): Promise<Page<Followup>> {
    const params = new URLSearchParams();
    if (options.assigneeRef) params.set('assigneeRef', options.assigneeRef);
    if (options.statuses?.length)
      params.set('status', options.statuses.join(','));
    if (options.overdue) params.set('overdue', 'true');
    if (options.limit) params.set('limit', String(options.limit));
    if (options.cursor) params.set('cursor', options.cursor);
    return this.call('GET', `/followups?${params}`);
  }

  addActionItem(incidentId: string, item: NewActionItem): Promise<Followup> {
    return this.call(
      'POST',
      `/incidents/${encodeURIComponent(incidentId)}/followups`,
      item,
    );
  }

  updateFollowup(id: string, changes: FollowupChanges): Promise<Followup> {
    return this.call('PATCH', `/followups/${encodeURIComponent(id)}`, changes);
  }

  private async call<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      'incident-followups',
    );
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : {
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          }),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
