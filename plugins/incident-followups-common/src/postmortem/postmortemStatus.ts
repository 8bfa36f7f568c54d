import {
  hasExternalMessage,
  PostmortemContent,
  PostmortemStatus,
  POSTMORTEM_STATUS_TITLES,
} from './postmortem';

const NEXT: Record<PostmortemStatus, PostmortemStatus[]> = {
  draft: ['in-review'],
  'in-review': ['draft', 'reviewed'],
  reviewed: ['in-review', 'closed'],
  closed: ['reviewed'],
};

/** What the status machine looks at besides the status. @public */
export interface TransitionContext {
  status: PostmortemStatus;
  content: PostmortemContent;
  statusPagePostedAt: string | null;
}

/**
 * Why a transition the status machine knows cannot happen yet, or null when it can.
 *
 * @public
 */
export function transitionBlocker(
  postmortem: TransitionContext,
  to: PostmortemStatus,
): string | null {
  if (!NEXT[postmortem.status].includes(to)) {
    return `${POSTMORTEM_STATUS_TITLES[postmortem.status]} cannot move to ${
      POSTMORTEM_STATUS_TITLES[to]
    }`;
  }
  if (
    postmortem.status === 'reviewed' &&
    to === 'closed' &&
    hasExternalMessage(postmortem.content) &&
    !postmortem.statusPagePostedAt
  ) {
    return 'The external message must be posted to the status page before the post-mortem is closed';
  }
  return null;
}

/**
 * The statuses a post-mortem may move to now: Draft -> In review -> Reviewed ->
 * Closed, one step back at a time, and Closed only once an external message (if
 * there is one) is on the status page.
 *
 * @public
 */
export function allowedTransitions(
  postmortem: TransitionContext,
): PostmortemStatus[] {
  return NEXT[postmortem.status].filter(
    to => transitionBlocker(postmortem, to) === null,
  );
}
