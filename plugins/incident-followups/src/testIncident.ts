import { Incident } from '@incident-followups/plugin-incident-followups-common';

/** An incident for component tests, with the fields a test cares about overridden. */
export function testIncident(overrides: Partial<Incident>): Incident {
  return {
    id: '6f1c2a4e-0001-4c1a-9d3e-5b7a1c000001',
    title: 'Checkout failing for card payments',
    description: 'Card payments were declined',
    severity: 'SEV-1',
    finalSeverity: 'SEV-1',
    status: 'resolved',
    startedAt: '2026-11-02T09:14:00.000Z',
    acknowledgedAt: null,
    resolvedAt: '2026-11-02T11:02:00.000Z',
    source: { type: 'manual', externalId: null, url: null },
    entityRefs: ['component:default/checkout-api'],
    responders: [{ role: 'incident-commander', userRef: 'user:default/dave' }],
    ownerRefs: ['group:default/payments'],
    ownersStale: false,
    primaryIncidentId: null,
    relatedIncidentCount: 0,
    openFollowupCount: 0,
    postmortem: null,
    postmortemRequired: false,
    createdAt: '2026-11-02T09:15:00.000Z',
    updatedAt: '2026-11-02T11:02:00.000Z',
    version: 1,
    ...overrides,
  };
}
