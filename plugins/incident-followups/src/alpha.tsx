import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { incidentFollowupsApiRef } from './api/IncidentFollowupsApi';
import { IncidentFollowupsClient } from './api/IncidentFollowupsClient';
import { isIncidentsTabAvailable } from './isIncidentsTabAvailable';

const incidentFollowupsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: incidentFollowupsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new IncidentFollowupsClient({ discoveryApi, fetchApi }),
    }),
});

const entityIncidentsContent = EntityContentBlueprint.make({
  name: 'incidents',
  params: {
    path: '/incidents',
    title: 'Incidents',
    filter: isIncidentsTabAvailable,
    loader: () =>
      import('./components/EntityIncidentsContent').then(m => (
        <m.EntityIncidentsContent />
      )),
  },
});

/**
 * The incident-followups plugin for apps on Backstage's new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'incident-followups',
  title: 'Incident followups',
  extensions: [incidentFollowupsApi, entityIncidentsContent],
});
