import {
  AgendaIncident,
  ProcessReview,
} from '@incident-followups/plugin-incident-followups-common';
import { processReviewMarkdown } from './processReviewMarkdown';

function agendaIncident(
  title: string,
  commanderRefs: string[],
): AgendaIncident {
  return {
    incidentId: `6f1c2a4e-0001-4c1a-9d3e-5b7a1c00000${title.length}`,
    title,
    severity: 'SEV-2',
    startedAt: '2026-11-10T10:00:00.000Z',
    resolvedAt: '2026-11-10T11:30:00.000Z',
    durationMinutes: 90,
    commanderRefs,
    postmortem: null,
    whatDidntGoWell: '',
    processItems: [],
    feedback: { count: 0, average: null, comments: [] },
    notes: '',
    discussed: false,
    itemVersion: 0,
  };
}

const review: ProcessReview = {
  id: '5e000000-0001-4000-8000-000000000001',
  title: 'November process review',
  scheduledFor: '2026-12-10T15:00:00.000Z',
  durationMinutes: 60,
  periodSince: '2026-11-01T00:00:00.000Z',
  periodUntil: '2026-12-10T00:00:00.000Z',
  createdBy: 'user:default/dave',
  attendeeCount: 2,
  pendingRequestCount: 0,
  version: 1,
  attendeeRefs: ['user:default/alice', 'user:default/dave'],
  agendaCount: 3,
  discussedCount: 0,
  carriedOver: [],
  carriedOverCount: 0,
  periodFeedback: { count: 0, average: null },
  joinRequests: [],
  decisions: [],
};

const agenda = [
  agendaIncident('Checkout failing', ['user:default/dave']),
  agendaIncident('Alerts delayed', ['user:default/alice', 'user:default/dave']),
  agendaIncident('Typo', []),
];

describe('processReviewMarkdown', () => {
  it('names the incident commanders of each agenda item, or says there was none', () => {
    const sections = processReviewMarkdown(review, agenda)
      .split('\n### ')
      .slice(1);
    expect(sections).toHaveLength(3);
    expect(sections[0]).toContain('- Incident commander: user:default/dave\n');
    expect(sections[1]).toContain(
      '- Incident commanders: user:default/alice, user:default/dave\n',
    );
    expect(sections[2]).toContain('- Incident commander: none\n');
  });
});
