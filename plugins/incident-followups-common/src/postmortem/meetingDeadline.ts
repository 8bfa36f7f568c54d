import { dueDate, DueDatePolicy, DUE_SOON_HOURS } from '../dueDates';
import { Severity } from '../severity';
import { MeetingState, PostmortemStatus } from './postmortem';

/**
 * When the post-mortem meeting must have happened: within 3 calendar days of the
 * resolution for SEV-1, within 5 business days for every other severity.
 *
 * @public
 */
export function meetingDeadline(
  resolvedAt: string | null,
  severity: Severity,
  policy: DueDatePolicy,
): string | null {
  if (!resolvedAt) return null;
  return dueDate(
    resolvedAt,
    severity === 'SEV-1' ? { days: 3 } : { businessDays: 5 },
    policy,
  );
}

/**
 * Where the meeting stands: held once the post-mortem is reviewed; late when it is
 * scheduled after the deadline or the deadline passed without it; at risk when it
 * is not scheduled and the deadline is near.
 *
 * @public
 */
export function meetingState(
  postmortem: {
    status: PostmortemStatus;
    meetingScheduledFor: string | null;
  },
  deadline: string | null,
  now: Date = new Date(),
): MeetingState {
  if (postmortem.status === 'reviewed' || postmortem.status === 'closed') {
    return 'held';
  }
  if (!deadline) return 'waiting-for-resolution';
  const due = Date.parse(deadline);
  if (now.getTime() > due) return 'late';
  if (postmortem.meetingScheduledFor) {
    return Date.parse(postmortem.meetingScheduledFor) > due
      ? 'late'
      : 'on-time';
  }
  return (due - now.getTime()) / 3_600_000 <= DUE_SOON_HOURS
    ? 'at-risk'
    : 'on-time';
}
