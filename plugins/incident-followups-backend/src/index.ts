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
