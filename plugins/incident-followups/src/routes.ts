import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** The plugin's page: all incidents. */
export const rootRouteRef = createRouteRef({ id: 'incident-followups' });

/** One incident, with everything about it. */
export const incidentRouteRef = createSubRouteRef({
  id: 'incident-followups/incident',
  parent: rootRouteRef,
  path: '/incidents/:incidentId',
});

/** An incident's post-mortem. */
export const postmortemRouteRef = createSubRouteRef({
  id: 'incident-followups/postmortem',
  parent: rootRouteRef,
  path: '/incidents/:incidentId/postmortem',
});

/** The signed-in user's open followups across incidents. */
export const myFollowupsRouteRef = createRouteRef({
  id: 'incident-followups/my-followups',
});

/** A team's followups and post-mortems (`?team=group:default/payments`). */
export const teamFollowupsRouteRef = createRouteRef({
  id: 'incident-followups/team-followups',
});

/** Process review meetings. */
export const processReviewsRouteRef = createRouteRef({
  id: 'incident-followups/process-reviews',
});

/** One process review: its agenda, attendees and decisions. */
export const processReviewRouteRef = createSubRouteRef({
  id: 'incident-followups/process-review',
  parent: processReviewsRouteRef,
  path: '/:reviewId',
});
