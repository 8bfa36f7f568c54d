import { mockServices } from '@backstage/backend-test-utils';
import { createIncidentRequestSchema } from '@incident-followups/plugin-incident-followups-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseFollowupStore } from '../database/DatabaseFollowupStore';
import { DatabaseIncidentStore } from '../database/DatabaseIncidentStore';
import { TicketStore } from './TicketStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('TicketStore on %p', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    const incidents = await DatabaseIncidentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const { incident } = await incidents.createIncident(
      createIncidentRequestSchema.parse({
        title: 'Checkout failing',
        severity: 'SEV-1',
        finalSeverity: 'SEV-1',
        status: 'resolved',
        startedAt: '2026-11-02T09:14:00Z',
        resolvedAt: '2026-11-02T10:14:00Z',
        entityRefs: ['component:default/checkout-api'],
        responders: [
          { role: 'incident-commander', userRef: 'user:default/dave' },
        ],
      }),
      {
        ownership: {
          ownerRefs: [],
          ancestorGroupRefs: [],
          indirectEntityRefs: [],
          stale: false,
        },
        actorRef: 'user:default/dave',
      },
    );
    const item = await new DatabaseFollowupStore(knex).createActionItem(
      incident.id,
      {
        title: 'Alert on latency',
        description: '',
        kind: 'preparedness',
        priority: 'P1',
        ownerRef: null,
        dueAt: null,
        ticketUrl: null,
      },
    );
    const target = {
      followupId: item.id,
      tracker: 'jira',
      destination: 'PAY',
      marker: `followup-${item.id}`,
    };
    return { store: new TicketStore(knex), item, target };
  }

  it('lets exactly one of many concurrent callers call the tracker', async () => {
    const { store, target } = await setup();
    const now = new Date();
    const claims = await Promise.all(
      Array.from({ length: 20 }, () => store.claim(target, now, 60_000)),
    );
    expect(claims.filter(c => c.kind === 'claimed')).toHaveLength(1);
    expect(claims.filter(c => c.kind === 'busy')).toHaveLength(19);
  });

  it('hands a stale or failed attempt to exactly one taker, telling it to look for the ticket first', async () => {
    const { store, target } = await setup();
    const start = new Date('2026-11-02T12:00:00Z');
    const first = await store.claim(target, start, 60_000);
    expect(first.kind).toBe('claimed');

    const later = new Date(start.getTime() + 61_000);
    const takers = await Promise.all(
      Array.from({ length: 10 }, () => store.claim(target, later, 60_000)),
    );
    const taken = takers.filter(c => c.kind === 'claimed');
    expect(taken).toEqual([
      expect.objectContaining({
        previous: { tracker: 'jira', destination: 'PAY' },
      }),
    ]);

    await store.recordFailure(
      target.followupId,
      (taken[0] as { attemptId: string }).attemptId,
      'Jira: 401',
    );
    expect(await store.get(target.followupId)).toMatchObject({
      state: 'failed',
      lastError: 'Jira: 401',
    });
    const retry = await store.claim(target, later, 60_000);
    expect(retry.kind).toBe('claimed');
  });

  it('links the ticket on the record and the action item, and answers later claims with it', async () => {
    const { store, target, item } = await setup();
    const claim = await store.claim(target, new Date(), 60_000);
    if (claim.kind !== 'claimed') throw new Error('not claimed');
    const linked = await store.recordCreated(
      target.followupId,
      claim.attemptId,
      {
        key: 'PAY-7',
        url: 'https://jira.example.com/browse/PAY-7',
        state: 'open',
      },
      { tracker: 'jira', destination: 'PAY' },
      new Date(),
    );
    expect(linked).toBe(true);
    // An attempt that lost the record links nothing.
    expect(
      await store.recordCreated(
        target.followupId,
        'a-stale-attempt',
        {
          key: 'PAY-8',
          url: 'https://jira.example.com/browse/PAY-8',
          state: 'open',
        },
        { tracker: 'jira', destination: 'PAY' },
        new Date(),
      ),
    ).toBe(false);
    expect(await store.claim(target, new Date(), 0)).toMatchObject({
      kind: 'linked',
      record: { ticketKey: 'PAY-7', ticketState: 'open' },
    });
    expect(await store.listLinked(10)).toHaveLength(1);
    expect(
      await store.applyTicketState(
        item.id,
        {
          key: 'PAY-7',
          url: 'https://jira.example.com/browse/PAY-7',
          state: 'open',
        },
        'ticket-tracker:jira',
        new Date(),
      ),
    ).toBeUndefined();
  });
});
