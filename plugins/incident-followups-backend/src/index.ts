/**
 * The incident-followups backend plugin.
 *
 * @packageDocumentation
 */

export { incidentFollowupsPlugin as default } from './plugin';
export {
  createProcessReviewConditionalDecision,
  processReviewConditions,
  processReviewResourceRef,
  processReviewRules,
} from './processReviews/processReviewPermissions';
export type {
  ProcessReviewQuery,
  ProcessReviewResource,
} from './processReviews/processReviewPermissions';
export {
  createIncidentConditionalDecision,
  incidentConditions,
  incidentResourceRef,
  incidentRules,
} from './service/incidentPermissions';
export type { IncidentResource } from './service/incidentPermissions';
export type { IncidentQuery } from './database/incidentReadFilter';
