import {
  IMPACT_FIELDS,
  MARKDOWN_SECTIONS,
  Postmortem,
  POSTMORTEM_STATUS_TITLES,
} from '@incident-followups/plugin-incident-followups-common';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The post-mortem as one Markdown document, in the template's order. */
export function postmortemMarkdown(postmortem: Postmortem): string {
  const { content } = postmortem;
  const section = (title: string, body: string) =>
    `## ${title}\n\n${body.trim() || '_Not written yet._'}\n`;
  const sections = Object.fromEntries(
    MARKDOWN_SECTIONS.map(s => [s.key, section(s.title, content[s.key])]),
  );
  const impact = IMPACT_FIELDS.map(
    f => `| ${f.title} | ${content.impact[f.key] ?? '—'} |`,
  ).join('\n');
  const timeline = content.timeline
    .map(
      row =>
        `| ${row.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z')} | ${cell(
          row.event,
        )} | ${row.link ? `[link](${row.link})` : ''} |`,
    )
    .join('\n');
  const message = content.externalMessage;
  return [
    `# Post-mortem: ${postmortem.incidentTitle}\n`,
    [
      `- **Severity:** ${postmortem.incidentSeverity}`,
      `- **Status:** ${POSTMORTEM_STATUS_TITLES[postmortem.status]}`,
      `- **Owner:** ${postmortem.ownerRef}`,
      `- **Meeting scheduled for:** ${
        postmortem.meetingScheduledFor ?? 'not scheduled'
      }${
        postmortem.meetingDeadline
          ? ` (deadline ${postmortem.meetingDeadline})`
          : ''
      }`,
      `- **Call recording:** ${content.callRecordingUrl ?? '—'}`,
      `- **Invitees:** ${postmortem.invitees.join(', ') || '—'}`,
      '',
    ].join('\n'),
    sections.overview,
    sections.whatHappened,
    sections.contributingFactors,
    sections.resolution,
    `## Impact\n\n| Measure | Value |\n| --- | --- |\n${impact}\n`,
    `## Timeline (UTC)\n\n| Time | Event | Data |\n| --- | --- | --- |\n${timeline}\n`,
    sections.whatWentWell,
    sections.whatDidntGoWell,
    sections.internalEmail,
    `## External message\n\n### Summary\n\n${
      message.summary.trim() || '—'
    }\n\n### What happened\n\n${
      message.whatHappened.trim() || '—'
    }\n\n### What are we doing about this\n\n${
      message.whatWeAreDoing.trim() || '—'
    }\n`,
  ].join('\n');
}
