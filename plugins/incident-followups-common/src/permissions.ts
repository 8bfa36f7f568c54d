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

/**
 * The resource type of incidents in the permission framework; a resource ref is
 * the incident's id. Followups and post-mortems are checked on their incident.
 *
 * @public
 */
export const INCIDENT_RESOURCE_TYPE = 'incident-followups-incident';

/**
 * Read an incident with its followups and post-mortem. Lists hold only the
 * incidents the policy lets the user read, filtered in the database.
 *
 * @public
 */
export const incidentReadPermission = createPermission({
  name: 'incident-followups.incident.read',
  attributes: { action: 'read' },
  resourceType: INCIDENT_RESOURCE_TYPE,
});

/** Change an incident: severity, status, responders, grouping. @public */
export const incidentUpdatePermission = createPermission({
  name: 'incident-followups.incident.update',
  attributes: { action: 'update' },
  resourceType: INCIDENT_RESOURCE_TYPE,
});

/** Add action items to an incident, and change its followups. @public */
export const followupUpdatePermission = createPermission({
  name: 'incident-followups.followup.update',
  attributes: { action: 'update' },
  resourceType: INCIDENT_RESOURCE_TYPE,
});

/** Create and edit an incident's post-mortem (template, meeting, chat, stakeholders). @public */
export const postmortemEditPermission = createPermission({
  name: 'incident-followups.postmortem.edit',
  attributes: { action: 'update' },
  resourceType: INCIDENT_RESOURCE_TYPE,
});

/** Move an incident's post-mortem through its statuses. @public */
export const postmortemTransitionPermission = createPermission({
  name: 'incident-followups.postmortem.transition',
  attributes: { action: 'update' },
  resourceType: INCIDENT_RESOURCE_TYPE,
});

/** Every permission of the incident-followups plugins. @public */
export const incidentFollowupsPermissions = [
  processReviewCreatePermission,
  processReviewDecideJoinPermission,
  processReviewEditPermission,
  incidentReadPermission,
  incidentUpdatePermission,
  followupUpdatePermission,
  postmortemEditPermission,
  postmortemTransitionPermission,
];
