import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of process reviews in the permission framework; a
 * resource ref is the meeting's id.
 *
 * @public
 */
export const PROCESS_REVIEW_RESOURCE_TYPE = 'incident-followups-process-review';

/** Schedule a process review. @public */
export const processReviewCreatePermission = createPermission({
  name: 'incident-followups.process-review.create',
  attributes: { action: 'create' },
});

/** Approve or decline requests to join a process review. @public */
export const processReviewDecideJoinPermission = createPermission({
  name: 'incident-followups.process-review.decide-join',
  attributes: { action: 'update' },
  resourceType: PROCESS_REVIEW_RESOURCE_TYPE,
});

/** Write a process review's notes and decisions. @public */
export const processReviewEditPermission = createPermission({
  name: 'incident-followups.process-review.edit',
  attributes: { action: 'update' },
  resourceType: PROCESS_REVIEW_RESOURCE_TYPE,
});

/** Every permission of the incident-followups plugins. @public */
export const incidentFollowupsPermissions = [
  processReviewCreatePermission,
  processReviewDecideJoinPermission,
  processReviewEditPermission,
];
