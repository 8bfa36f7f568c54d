import { createEvent } from 'ics';
import { Postmortem } from '@incident-followups/plugin-incident-followups-common';
import { ConflictError } from '@backstage/errors';
import { postmortemLink } from './PostmortemNotifier';

/**
 * The post-mortem meeting as an iCalendar (RFC 5545) event: 30 minutes from the
 * scheduled time, the invitees with an email in the catalog as attendees, and a
 * stable UID so that a new download updates the same calendar entry.
 */
export function meetingInvite(
  postmortem: Postmortem,
  emails: Map<string, string>,
  appBaseUrl: string,
): string {
  if (!postmortem.meetingScheduledFor) {
    throw new ConflictError(
      'The post-mortem meeting is not scheduled yet; set meetingScheduledFor first',
    );
  }
  const url = `${appBaseUrl.replace(/\/$/, '')}${postmortemLink(
    postmortem.incidentId,
  )}`;
  const withoutEmail = postmortem.invitees.filter(ref => !emails.has(ref));
  const { error, value } = createEvent({
    uid: `postmortem-${postmortem.id}@incident-followups`,
    sequence: postmortem.version,
    start: Date.parse(postmortem.meetingScheduledFor),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: 30 },
    title: `Post-mortem: ${postmortem.incidentTitle} (${postmortem.incidentSeverity})`,
    description: [
      `Blameless post-mortem meeting for the incident "${postmortem.incidentTitle}".`,
      `Read the draft before the meeting: ${url}`,
      withoutEmail.length
        ? `Also invited (no email in the catalog): ${withoutEmail.join(', ')}`
        : '',
    ]
      .filter(Boolean)
      .join('\n\n'),
    // Without app.baseUrl the link is relative, which iCalendar does not allow.
    ...(/^https?:\/\//.test(url) ? { url } : {}),
    status: 'CONFIRMED',
    attendees: [...emails].map(([ref, email]) => ({
      name: ref,
      email,
      rsvp: true,
      partstat: 'NEEDS-ACTION',
      role: ref === postmortem.ownerRef ? 'CHAIR' : 'REQ-PARTICIPANT',
    })),
  });
  if (error || !value) {
    throw new Error(`The meeting invite could not be written: ${error}`);
  }
  return value;
}
