import { ProcessReview } from '@incident-followups/plugin-incident-followups-common';
import { createEvent } from 'ics';
import { processReviewLink } from './ProcessReviewNotifier';

/** The meeting as an iCalendar event for its attendees with an email in the catalog. */
export function processReviewInvite(
  review: ProcessReview,
  emails: Map<string, string>,
  appBaseUrl: string,
): string {
  const url = `${appBaseUrl.replace(/\/$/, '')}${processReviewLink(review.id)}`;
  const { error, value } = createEvent({
    uid: `process-review-${review.id}@incident-followups`,
    sequence: review.version,
    start: Date.parse(review.scheduledFor),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: review.durationMinutes },
    title: review.title,
    description: `Review of the incident response process: ${
      review.agendaCount
    } incidents resolved from ${review.periodSince.slice(
      0,
      10,
    )} to ${review.periodUntil.slice(0, 10)}.\n\nAgenda: ${url}`,
    // Without app.baseUrl the link is relative, which iCalendar does not allow.
    ...(/^https?:\/\//.test(url) ? { url } : {}),
    status: 'CONFIRMED',
    attendees: [...emails].map(([ref, email]) => ({
      name: ref,
      email,
      rsvp: true,
      partstat: 'NEEDS-ACTION',
      role: 'REQ-PARTICIPANT',
    })),
  });
  if (error || !value) {
    throw new Error(`The meeting invite could not be written: ${error}`);
  }
  return value;
}
