import {
  AgendaIncident,
  POSTMORTEM_STATUS_TITLES,
  ProcessItemSummary,
  ProcessReview,
} from '@incident-followups/plugin-incident-followups-common';

function item(p: ProcessItemSummary) {
  return `- ${p.title} (${p.status}${p.ownerRef ? `, ${p.ownerRef}` : ''}${
    p.dueAt ? `, due ${p.dueAt.slice(0, 10)}` : ''
  })`;
}

/** The agenda and the minutes of a process review, as Markdown. */
export function processReviewMarkdown(
  review: ProcessReview,
  agenda: AgendaIncident[],
): string {
  const lines: string[] = [
    `# ${review.title}`,
    '',
    `- When: ${review.scheduledFor.slice(0, 16).replace('T', ' ')} UTC, ${
      review.durationMinutes
    } minutes`,
    `- Incidents resolved from ${review.periodSince.slice(
      0,
      10,
    )} to ${review.periodUntil.slice(0, 10)}`,
    `- Attendees: ${review.attendeeRefs.join(', ') || 'none yet'}`,
    `- Responder feedback: ${
      review.periodFeedback.average === null
        ? 'none'
        : `${review.periodFeedback.average} / 5 from ${review.periodFeedback.count} ratings`
    }`,
    '',
    '## Agenda',
  ];
  if (agenda.length === 0) {
    lines.push('', 'No incident was resolved in the period.');
  }
  for (const incident of agenda) {
    lines.push(
      '',
      `### ${incident.title} (${incident.severity}, ${
        incident.durationMinutes
      } min)${incident.discussed ? ' ✔ discussed' : ''}`,
      '',
      `- Incident commander${incident.commanderRefs.length > 1 ? 's' : ''}: ${
        incident.commanderRefs.join(', ') || 'none'
      }`,
      `- Post-mortem: ${
        incident.postmortem
          ? POSTMORTEM_STATUS_TITLES[incident.postmortem.status]
          : 'none'
      }`,
      `- Feedback: ${
        incident.feedback.average === null
          ? 'none'
          : `${incident.feedback.average} / 5 (${incident.feedback.count})`
      }`,
    );
    for (const comment of incident.feedback.comments) {
      lines.push(
        `  - ${comment.rating}/5 ${comment.userRef}: ${comment.comment}`,
      );
    }
    if (incident.whatDidntGoWell.trim()) {
      lines.push(
        '',
        "What didn't go so well:",
        '',
        incident.whatDidntGoWell.trim(),
      );
    }
    if (incident.processItems.length) {
      lines.push(
        '',
        'Process action items:',
        ...incident.processItems.map(item),
      );
    }
    if (incident.notes.trim()) {
      lines.push('', 'Notes:', '', incident.notes.trim());
    }
  }
  if (review.carriedOver.length) {
    lines.push(
      '',
      '## Carried over from earlier meetings',
      '',
      ...(review.carriedOverCount > review.carriedOver.length
        ? [
            `The ${review.carriedOver.length} oldest of ${review.carriedOverCount}:`,
            '',
          ]
        : []),
      ...review.carriedOver.map(p => `${item(p)}: ${p.incidentTitle}`),
    );
  }
  lines.push('', '## Decisions', '');
  if (review.decisions.length === 0) lines.push('None recorded.');
  for (const decision of review.decisions) {
    const about = agenda.find(a => a.incidentId === decision.incidentId);
    lines.push(
      `- ${decision.text}${about ? ` (${about.title})` : ''}${
        decision.followupId ? ' → followup' : ''
      }, by ${decision.createdBy}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
