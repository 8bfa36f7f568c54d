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
function rule(
  name: string,
  role: ProcessReviewQuery['role'],
  description: string,
  refsOf: (review: ProcessReviewResource) => string[],
) {
  return createPermissionRule<typeof processReviewResourceRef, UserRefsParams>({
    name,
    description,
    resourceRef: processReviewResourceRef,
    apply: (review, { userRefs }) =>
      refsOf(review).some(ref => userRefs.includes(ref)),
    toQuery: ({ userRefs }) => ({ role, userRefs }),
  });
}

/** The rules a permission policy can use for process reviews. @public */
export const processReviewRules = {
  isOrganiser: rule(
    'IS_ORGANISER',
    'organiser',
    'The user scheduled the meeting',
    review => [review.createdBy],
  ),
  isPeriodCommander: rule(
    'IS_PERIOD_COMMANDER',
    'commander',
    "The user was incident commander of an incident in the meeting's period",
    review => review.commanderRefs,
  ),
  isAttendee: rule(
    'IS_ATTENDEE',
    'attendee',
    'The user takes part: a commander of the period or approved to join',
    review => review.attendeeRefs,
  ),
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
