import { Followup } from '@incident-followups/plugin-incident-followups-common';

/** A followup for component tests, with the fields a test cares about overridden. */
export function testFollowup(overrides: Partial<Followup>): Followup {
  return {
    id: '7a000000-0000-4000-8000-000000000001',
    incidentId: '6f1c2a4e-0001-4c1a-9d3e-5b7a1c000001',
    incidentTitle: 'Checkout failing for card payments',
    incidentSeverity: 'SEV-1',
    type: 'role-step',
    role: 'scribe',
    position: 0,
    title: 'Collect every TODO item from the chat into the post-mortem',
    description: '',
    kind: null,
    priority: null,
    ownerRef: 'user:default/bob',
    status: 'open',
    wontDoReason: null,
    dueAt: '2026-11-27T23:59:59.999Z',
    autoCompletion: null,
    ticketUrl: null,
    completedAt: null,
    completedBy: null,
    createdAt: '2026-11-25T10:00:00.000Z',
    updatedAt: '2026-11-25T10:00:00.000Z',
    version: 1,
    ...overrides,
  };
}
