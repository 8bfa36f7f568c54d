import {
  AgendaIncident,
  Page,
  ProcessReview,
  ProcessReviewSummary,
} from '@incident-followups/plugin-incident-followups-common';

/** A process review as the list has it: Dave attends, Alice asks to join. */
export function testProcessReviewSummary(
  overrides: Partial<ProcessReviewSummary> = {},
): ProcessReviewSummary {
  return {
    id: '5e000000-0001-4000-8000-000000000001',
    title: 'November process review',
    scheduledFor: '2099-11-29T15:00:00.000Z',
    durationMinutes: 60,
    periodSince: '2026-11-01T00:00:00.000Z',
    periodUntil: '2099-11-29T15:00:00.000Z',
    createdBy: 'user:default/dave',
    attendeeCount: 1,
    pendingRequestCount: 1,
    version: 1,
    ...overrides,
  };
}

/** A process review for component tests: one incident on the agenda, `testAgendaIncident`; a pending join request. */
export function testProcessReview(
  overrides: Partial<ProcessReview> = {},
): ProcessReview {
  return {
    ...testProcessReviewSummary(),
    attendeeRefs: ['user:default/dave'],
    agendaCount: 1,
    discussedCount: 0,
    carriedOver: [
      {
        followupId: 'f-1',
        incidentId: 'i-0',
        incidentTitle: 'October outage',
        title: 'Write the escalation policy',
        ownerRef: 'user:default/erin',
        status: 'open',
        dueAt: '2099-01-01T00:00:00.000Z',
      },
    ],
    carriedOverCount: 1,
    periodFeedback: { count: 2, average: 3.5 },
    joinRequests: [
      {
        id: 'r-1',
        userRef: 'user:default/alice',
        reason: 'I run the support rota',
        status: 'pending',
        decidedBy: null,
        decidedAt: null,
        createdAt: '2026-11-20T10:00:00.000Z',
      },
    ],
    decisions: [],
    ...overrides,
  };
}

/** The incident on the agenda of `testProcessReview`. */
export function testAgendaIncident(
  overrides: Partial<AgendaIncident> = {},
): AgendaIncident {
  return {
    incidentId: '6f1c2a4e-0001-4c1a-9d3e-5b7a1c000001',
    title: 'Checkout failing for card payments',
    severity: 'SEV-1',
    startedAt: '2026-11-02T09:14:00.000Z',
    resolvedAt: '2026-11-02T11:02:00.000Z',
    durationMinutes: 108,
    commanderRefs: ['user:default/dave'],
    postmortem: { id: 'pm-1', status: 'closed' },
    whatDidntGoWell: 'Nobody knew who was IC at first.',
    processItems: [],
    feedback: {
      count: 2,
      average: 3.5,
      comments: [
        {
          userRef: 'user:default/alice',
          rating: 3,
          comment: 'Paged twice',
        },
      ],
    },
    notes: '',
    discussed: false,
    itemVersion: 0,
    ...overrides,
  };
}

/** A page of agenda incidents: the whole agenda unless told how many there are and where the next page starts. */
export function testAgendaPage(
  items: AgendaIncident[],
  rest: { nextCursor?: string; totalCount?: number } = {},
): Page<AgendaIncident> {
  return {
    items,
    nextCursor: rest.nextCursor ?? null,
    totalCount: rest.totalCount ?? items.length,
  };
}
