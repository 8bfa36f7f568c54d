import { parseEntityRef } from '@backstage/catalog-model';
import {
  dueState,
  DueDatePolicy,
  MeetingState,
  POSTMORTEM_STATUS_TITLES,
} from '@incident-followups/plugin-incident-followups-common';
import { NotificationPayload } from '@backstage/plugin-notifications-common';
import { DateTime } from 'luxon';
import { postmortemLink } from '../postmortems/PostmortemNotifier';
import { DueFollowup, OpenPostmortem } from './ReminderStore';

/** A post-mortem whose meeting is late or at risk, with its deadline. */
export interface BehindPostmortem {
  postmortem: OpenPostmortem;
  deadline: string;
  state: Extract<MeetingState, 'late' | 'at-risk'>;
}

function plural(count: number, one: string, many: string) {
  return `${count} ${count === 1 ? one : many}`;
}

function digestLink(withFollowups: boolean, postmortems: BehindPostmortem[]) {
  if (withFollowups) return '/my-followups';
  if (postmortems.length === 1)
    return postmortemLink(postmortems[0].postmortem.incidentId);
  return '/incident-followups';
}

/** One person's daily reminder: their followups due, and the post-mortems behind. */
export function reminderDigest(
  followups: DueFollowup[],
  postmortems: BehindPostmortem[],
  policy: DueDatePolicy,
  now: Date,
): NotificationPayload {
  const day = (iso: string) =>
    DateTime.fromISO(iso, { zone: policy.timeZone }).toFormat('d LLL');
  const overdue = followups.filter(
    e => dueState(e.followup.dueAt, now) === 'overdue',
  );
  const late = postmortems.filter(p => p.state === 'late');

  const followupLines = followups.map(({ followup, viaGroupRef }) => {
    const state =
      dueState(followup.dueAt, now) === 'overdue' ? 'overdue since' : 'due';
    let whose = '';
    if (viaGroupRef) {
      whose = `, owned by your team ${parseEntityRef(viaGroupRef).name}`;
    } else if (!followup.ownerRef) {
      whose = ', unassigned: hand it out';
    }
    return `• ${followup.title} (${followup.incidentTitle}), ${state} ${day(
      followup.dueAt!,
    )}${whose}`;
  });
  const postmortemLines = postmortems.map(({ postmortem, deadline, state }) => {
    const status = POSTMORTEM_STATUS_TITLES[postmortem.status];
    const meeting = postmortem.meetingScheduledFor
      ? `meeting on ${day(postmortem.meetingScheduledFor)}`
      : 'no meeting scheduled';
    return `• Post-mortem of ${postmortem.incidentTitle} (${
      postmortem.incidentSeverity
    }, ${status}): ${
      state === 'late' ? 'late' : 'at risk'
    }, the meeting was due by ${day(deadline)}, ${meeting}`;
  });

  const titleParts = [];
  if (overdue.length > 0) {
    titleParts.push(
      `${plural(
        overdue.length,
        'incident followup',
        'incident followups',
      )} overdue`,
    );
  } else if (followups.length > 0) {
    titleParts.push(
      `${plural(
        followups.length,
        'incident followup',
        'incident followups',
      )} due soon`,
    );
  }
  if (late.length > 0) {
    titleParts.push(
      `${plural(late.length, 'post-mortem', 'post-mortems')} late`,
    );
  } else if (postmortems.length > 0) {
    titleParts.push(
      `${plural(postmortems.length, 'post-mortem', 'post-mortems')} at risk`,
    );
  }
  const sections = [];
  if (followupLines.length) sections.push(followupLines.join('\n'));
  if (postmortemLines.length)
    sections.push(
      `Post-mortems of your incidents behind their time frame:\n${postmortemLines.join(
        '\n',
      )}`,
    );
  return {
    title: titleParts.join(', '),
    description: sections.join('\n\n'),
    link: digestLink(followupLines.length > 0, postmortems),
    severity: overdue.length > 0 || late.length > 0 ? 'high' : 'normal',
    topic: 'incident-followups-reminders',
  };
}
