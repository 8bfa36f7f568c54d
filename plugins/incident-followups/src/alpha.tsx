import {
  convertLegacyRouteRef,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import AssignmentTurnedInOutlinedIcon from '@material-ui/icons/AssignmentTurnedInOutlined';
import ReportProblemOutlinedIcon from '@material-ui/icons/ReportProblemOutlined';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import GroupWorkOutlinedIcon from '@material-ui/icons/GroupWorkOutlined';
import ForumOutlinedIcon from '@material-ui/icons/ForumOutlined';
import {
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import { POSTMORTEM_SEARCH_TYPE } from '@incident-followups/plugin-incident-followups-common';
import DescriptionOutlinedIcon from '@material-ui/icons/DescriptionOutlined';
import { incidentFollowupsApiRef } from './api/IncidentFollowupsApi';
import { IncidentFollowupsClient } from './api/IncidentFollowupsClient';
import { isIncidentsTabAvailable } from './isIncidentsTabAvailable';
import {
  incidentRouteRef,
  myFollowupsRouteRef,
  processReviewsRouteRef,
  rootRouteRef,
  teamFollowupsRouteRef,
} from './routes';

const incidentFollowupsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: incidentFollowupsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new IncidentFollowupsClient({ discoveryApi, fetchApi }),
    }),
});

const incidentFollowupsPage = PageBlueprint.make({
  params: {
    path: '/incident-followups',
    title: 'Incidents',
    icon: <ReportProblemOutlinedIcon fontSize="inherit" />,
    // Converted so that the legacy route refs the components use resolve here too.
    routeRef: convertLegacyRouteRef(rootRouteRef),
    noHeader: true,
    loader: () =>
      import('./components/IncidentFollowupsPage').then(m => (
        <m.IncidentFollowupsPage />
      )),
  },
});

const myFollowupsPage = PageBlueprint.make({
  name: 'my-followups',
  params: {
    path: '/my-followups',
    title: 'My followups',
    icon: <AssignmentTurnedInOutlinedIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(myFollowupsRouteRef),
    noHeader: true,
    loader: () =>
      import('./components/MyFollowupsPage').then(m => <m.MyFollowupsPage />),
  },
});

const teamFollowupsPage = PageBlueprint.make({
  name: 'team-followups',
  params: {
    path: '/team-followups',
    title: 'Team followups',
    icon: <GroupWorkOutlinedIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(teamFollowupsRouteRef),
    noHeader: true,
    loader: () =>
      import('./components/TeamFollowups').then(m => <m.TeamFollowupsPage />),
  },
});

const processReviewsPage = PageBlueprint.make({
  name: 'process-reviews',
  params: {
    path: '/process-reviews',
    title: 'Process reviews',
    icon: <ForumOutlinedIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(processReviewsRouteRef),
    noHeader: true,
    loader: () =>
      import('./components/ProcessReviews').then(m => <m.ProcessReviewsPage />),
  },
});

const entityTeamFollowupsCard = EntityCardBlueprint.make({
  name: 'team-followups',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('./components/TeamFollowups').then(m => <m.TeamFollowupsCard />),
  },
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

const postmortemSearchResultListItem = SearchResultListItemBlueprint.make({
  name: 'postmortem',
  params: {
    icon: <DescriptionOutlinedIcon />,
    predicate: result => result.type === POSTMORTEM_SEARCH_TYPE,
    component: () =>
      import('./components/PostmortemSearchResultListItem').then(
        m => m.PostmortemSearchResultListItem,
      ),
  },
});

const postmortemSearchResultType = SearchFilterResultTypeBlueprint.make({
  name: 'postmortem',
  params: {
    value: POSTMORTEM_SEARCH_TYPE,
    name: 'Post-mortems',
    icon: <DescriptionOutlinedIcon />,
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
  routes: convertLegacyRouteRefs({
    root: rootRouteRef,
    incident: incidentRouteRef,
    teamFollowups: teamFollowupsRouteRef,
    processReviews: processReviewsRouteRef,
  }),
  extensions: [
    incidentFollowupsApi,
    incidentFollowupsPage,
    myFollowupsPage,
    teamFollowupsPage,
    processReviewsPage,
    entityIncidentsContent,
    entityTeamFollowupsCard,
    postmortemSearchResultListItem,
    postmortemSearchResultType,
  ],
});
