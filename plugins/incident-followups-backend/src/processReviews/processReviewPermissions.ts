import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { PROCESS_REVIEW_RESOURCE_TYPE } from '@incident-followups/plugin-incident-followups-common';

/** What the permission rules see of a process review. */
export interface ProcessReviewResource {
  id: string;
  createdBy: string;
  /** The incident commanders of the incidents in its period. */
  commanderRefs: string[];
  /** Commanders and the people approved to join. */
  attendeeRefs: string[];
}

/** Process reviews are not filtered in lists (anyone reads them); the query names who. */
export type ProcessReviewQuery = {
  role: 'organiser' | 'commander' | 'attendee';
  userRefs: string[];
};

/**
 * The process review resource of the permission framework.
 *
 * @public
 */
export const processReviewResourceRef = createPermissionResourceRef<
  ProcessReviewResource,
  ProcessReviewQuery
>().with({
  pluginId: 'incident-followups',
  resourceType: PROCESS_REVIEW_RESOURCE_TYPE,
});

/** The params of every rule here: the user's refs, usually the identity's ownership refs. */
type UserRefsParams = { userRefs: string[] };

// No paramsSchema: the permission framework wants a Standard JSON Schema
// (zod 4), this repo validates with zod 3; the params come from the policy's own code.
const isOrganiser = createPermissionRule<
  typeof processReviewResourceRef,
  UserRefsParams
>({
  name: 'IS_ORGANISER',
  description: 'The user scheduled the meeting',
  resourceRef: processReviewResourceRef,
  apply: (review, { userRefs }) => userRefs.includes(review.createdBy),
  toQuery: ({ userRefs }) => ({ role: 'organiser', userRefs }),
});

const isPeriodCommander = createPermissionRule<
  typeof processReviewResourceRef,
  UserRefsParams
>({
  name: 'IS_PERIOD_COMMANDER',
  description:
    "The user was incident commander of an incident in the meeting's period",
  resourceRef: processReviewResourceRef,
  apply: (review, { userRefs }) =>
    review.commanderRefs.some(ref => userRefs.includes(ref)),
  toQuery: ({ userRefs }) => ({ role: 'commander', userRefs }),
});

const isAttendee = createPermissionRule<
  typeof processReviewResourceRef,
  UserRefsParams
>({
  name: 'IS_ATTENDEE',
  description:
    'The user takes part: a commander of the period or approved to join',
  resourceRef: processReviewResourceRef,
  apply: (review, { userRefs }) =>
    review.attendeeRefs.some(ref => userRefs.includes(ref)),
  toQuery: ({ userRefs }) => ({ role: 'attendee', userRefs }),
});

/** The rules a permission policy can use for process reviews. @public */
export const processReviewRules = {
  isOrganiser,
  isPeriodCommander,
  isAttendee,
};

/**
 * Conditions for permission policies: `processReviewConditions.isPeriodCommander({ userRefs })`
 * and friends, and the conditional decision built from them.
 *
 * @public
 */
export const {
  conditions: processReviewConditions,
  createConditionalDecision: createProcessReviewConditionalDecision,
} = createConditionExports({
  resourceRef: processReviewResourceRef,
  rules: processReviewRules,
});
