import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  Incident,
  Page,
} from '@incident-followups/plugin-incident-followups-common';
import {
  IncidentFollowupsApi,
  ListIncidentsOptions,
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
    if (options.entityRef) params.set('entityRef', options.entityRef);
    if (options.limit) params.set('limit', String(options.limit));
    if (options.cursor) params.set('cursor', options.cursor);
    return this.get(`/incidents?${params}`);
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      'incident-followups',
    );
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
