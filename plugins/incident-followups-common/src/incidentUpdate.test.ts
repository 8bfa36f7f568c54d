import { Incident } from './incident';
import { planIncidentUpdate } from './incidentUpdate';

const now = new Date('2026-11-02T12:00:00.000Z');

const incident: Incident = {
  id: '6f1c2a4e-0001-4c1a-9d3e-5b7a1c000001',
  title: 'Checkout failing',
  description: '',
  severity: 'SEV-2',
  finalSeverity: null,
  status: 'triggered',
  startedAt: '2026-11-02T09:00:00.000Z',
  acknowledgedAt: null,
  resolvedAt: null,
  source: { type: 'manual', externalId: null, url: null },
  entityRefs: ['component:default/checkout-api'],
  responders: [{ role: 'incident-commander', userRef: 'user:default/dave' }],
  ownerRefs: [],
  ownersStale: false,
  primaryIncidentId: null,
  relatedIncidentCount: 0,
  openFollowupCount: 0,
  postmortem: null,
  postmortemRequired: false,
  createdAt: '2026-11-02T09:00:00.000Z',
  updatedAt: '2026-11-02T09:00:00.000Z',
  version: 1,
};

describe('planIncidentUpdate', () => {
  it.each([
    [
      'acknowledging stamps acknowledgedAt',
      incident,
      { status: 'acknowledged' },
      { status: 'acknowledged', acknowledgedAt: now.toISOString() },
    ],
    [
      'resolving stamps resolvedAt',
      incident,
      { status: 'resolved', finalSeverity: 'SEV-3' },
      {
        status: 'resolved',
        finalSeverity: 'SEV-3',
        resolvedAt: now.toISOString(),
      },
    ],
    [
      'resolving keeps a given resolvedAt',
      incident,
      {
        status: 'resolved',
        finalSeverity: 'SEV-2',
        resolvedAt: '2026-11-02T10:00:00Z',
      },
      {
        status: 'resolved',
        finalSeverity: 'SEV-2',
        resolvedAt: '2026-11-02T10:00:00Z',
      },
    ],
    [
      'a final severity set earlier is enough to resolve',
      { ...incident, finalSeverity: 'SEV-4' },
      { status: 'resolved' },
      { status: 'resolved', resolvedAt: now.toISOString() },
    ],
    [
      'reopening clears resolvedAt',
      {
        ...incident,
        status: 'resolved',
        finalSeverity: 'SEV-2',
        resolvedAt: '2026-11-02T10:00:00.000Z',
      },
      { status: 'triggered' },
      { status: 'triggered', resolvedAt: null },
    ],
    [
      'the same responders in another order are no change',
      {
        ...incident,
        responders: [
          { role: 'scribe', userRef: 'user:default/bob' },
          { role: 'incident-commander', userRef: 'user:default/dave' },
        ],
      },
      {
        responders: [
          { role: 'incident-commander', userRef: 'user:default/dave' },
          { role: 'scribe', userRef: 'user:default/bob' },
        ],
      },
      {},
    ],
    [
      'an equal time written differently is no change',
      {
        ...incident,
        status: 'acknowledged',
        acknowledgedAt: '2026-11-02T10:00:00.000Z',
      },
      { acknowledgedAt: '2026-11-02T11:00:00+01:00' },
      {},
    ],
  ] as const)('%s', (_name, current, request, expected) => {
    const plan = planIncidentUpdate(
      current as Incident,
      { version: 1, ...(request as any) },
      now,
    );
    expect(plan.changes).toEqual(expected);
    expect(plan.history.map(h => h.field).sort()).toEqual(
      Object.keys(expected).sort(),
    );
  });

  it.each([
    [
      { status: 'resolved' },
      'finalSeverity: is required to resolve an incident',
    ],
    [
      { resolvedAt: '2026-11-02T10:00:00Z' },
      'resolvedAt: is only allowed when status is resolved (the incident is triggered)',
    ],
    [
      { status: 'acknowledged', acknowledgedAt: '2026-11-01T10:00:00Z' },
      'acknowledgedAt: must not be before the incident started',
    ],
  ])('refuses %p', (request, message) => {
    expect(() =>
      planIncidentUpdate(incident, { version: 1, ...(request as any) }, now),
    ).toThrow(message);
  });
});
