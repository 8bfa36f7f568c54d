import { Entity } from '@backstage/catalog-model';
import { demoCatalog } from '../__testUtils__/demoCatalog';
import { MemoryTicketTracker } from '../__testUtils__/MemoryTicketTracker';
import {
  ApiTestBackend,
  startApiTestBackend,
} from '../__testUtils__/startApiTestBackend';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

/** The demo catalog, with the checkout service naming its tracker project. */
function catalogWithProject(): Entity[] {
  return demoCatalog().map(entity =>
    entity.metadata.name === 'checkout-api'
      ? {
          ...entity,
          metadata: {
            ...entity.metadata,
            annotations: { 'example.com/tracker-project': 'PAY' },
          },
        }
      : entity,
  );
}

describe.each(databases.eachSupportedId())('tickets API on %p', databaseId => {
  const publish = jest.fn().mockResolvedValue(undefined);

  async function start(
    tracker = new MemoryTicketTracker(),
    config: object = { app: { baseUrl: 'https://portal.example.com' } },
    features = [tracker.module()],
  ) {
    const api = await startApiTestBackend({
      knex: await databases.init(databaseId),
      catalog: catalogWithProject(),
      features,
      publish,
      config: config as any,
    });
    return { api, tracker };
  }

  async function actionItem(
    api: ApiTestBackend,
    options: { entityRef?: string; ownerRef?: string; priority?: string } = {},
  ) {
    const { body: incident } = await api.post('/incidents', {
      title: 'Checkout failing',
      severity: 'SEV-2',
      finalSeverity: 'SEV-1',
      status: 'resolved',
      startedAt: '2026-11-02T09:14:00Z',
      resolvedAt: '2026-11-02T10:14:00Z',
      entityRefs: [options.entityRef ?? 'component:default/checkout-api'],
      responders: [
        { role: 'incident-commander', userRef: 'user:default/dave' },
      ],
    });
    const created = await api.post(`/incidents/${incident.id}/followups`, {
      title: 'Alert on payment gateway latency',
      description: 'Page when p99 is above 2 s for 5 minutes.',
      kind: 'preparedness',
      priority: options.priority ?? 'P1',
      ...(options.ownerRef ? { ownerRef: options.ownerRef } : {}),
    });
    expect(created.status).toBe(201);
    return { incident, item: created.body };
  }

  it('creates the ticket with the labels and links, and stores its link on the action item', async () => {
    const { api, tracker } = await start();
    const { incident, item } = await actionItem(api);

    const response = await api.post(`/followups/${item.id}/ticket`, {});
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      created: true,
      ticket: { tracker: 'memory', key: 'PAY-1', state: 'open' },
      followup: {
        id: item.id,
        ticketUrl: 'https://tracker.example.com/PAY-1',
        version: item.version + 1,
      },
    });
    expect(tracker.tickets).toHaveLength(1);
    const [ticket] = tracker.tickets;
    expect(ticket.title).toBe('Alert on payment gateway latency');
    expect(ticket.labels).toEqual([
      'sev1',
      'sev1_20261102',
      `followup-${item.id}`,
    ]);
    expect(ticket.description).toContain(
      'Page when p99 is above 2 s for 5 minutes.',
    );
    expect(ticket.description).toContain(
      `https://portal.example.com/incident-followups/incidents/${incident.id}`,
    );
    const { body: stored } = await api.get(
      `/incidents/${incident.id}/followups`,
    );
    expect(stored.items.find((f: any) => f.id === item.id).ticketUrl).toBe(
      'https://tracker.example.com/PAY-1',
    );
  });

  it('links back to the post-mortem once there is one, and assigns a person who owns the item', async () => {
    const { api, tracker } = await start();
    const { incident, item } = await actionItem(api, {
      ownerRef: 'user:default/bob',
    });
    expect(
      (
        await api.post(`/incidents/${incident.id}/postmortem`, {
          ownerRef: 'user:default/bob',
        })
      ).status,
    ).toBe(201);
    await api.post(`/followups/${item.id}/ticket`, {});
    expect(tracker.tickets[0].description).toContain(
      `/incident-followups/incidents/${incident.id}/postmortem`,
    );
    expect(tracker.tickets[0].assignee?.metadata.name).toBe('bob');
  });

  it('gives one ticket to a retry and to a double click', async () => {
    const { api, tracker } = await start();
    const { item } = await actionItem(api);
    let release!: () => void;
    const held = new Promise<void>(resolve => {
      release = resolve;
    });
    tracker.beforeCreate = () => held;

    const first = api.post(`/followups/${item.id}/ticket`, {}).then(r => r);
    // The second click arrives while the tracker is still creating the first.
    await new Promise(resolve => setTimeout(resolve, 200));
    const second = await api.post(`/followups/${item.id}/ticket`, {});
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(/being created right now/);
    release();
    expect((await first).status).toBe(201);

    const retry = await api.post(`/followups/${item.id}/ticket`, {});
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({
      created: false,
      ticket: { key: 'PAY-1' },
    });
    expect(tracker.tickets).toHaveLength(1);
  });

  it('finds the ticket created just before a crash instead of creating it again', async () => {
    const { api, tracker } = await start();
    const { item } = await actionItem(api);
    // A replica created the ticket and died before recording it: the record
    // stayed pending, and its lease has run out.
    await tracker.createTicket({
      destination: 'PAY',
      title: item.title,
      description: '',
      labels: ['sev1', 'sev1_20261102', `followup-${item.id}`],
      marker: `followup-${item.id}`,
      links: [],
    });
    await api.knex('followup_tickets').insert({
      followup_id: item.id,
      tracker: 'memory',
      destination: 'PAY',
      marker: `followup-${item.id}`,
      state: 'pending',
      attempt_id: '7b0c1f4e-55aa-4d6e-9c1f-3f1f0c1d2e3f',
      attempt_started_at: new Date(Date.now() - 10 * 60_000),
      created_at: new Date(Date.now() - 10 * 60_000),
    });

    const response = await api.post(`/followups/${item.id}/ticket`, {});
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      created: false,
      ticket: { key: 'PAY-1' },
      followup: { ticketUrl: 'https://tracker.example.com/PAY-1' },
    });
    expect(tracker.tickets).toHaveLength(1);
  });

  it('answers a tracker refusal with the tracker message, and a retry then creates the ticket once', async () => {
    const { api, tracker } = await start();
    const { item } = await actionItem(api);
    tracker.failNext('Rate limit exceeded (retry after 30 seconds)', 429);

    const refused = await api.post(`/followups/${item.id}/ticket`, {});
    expect(refused.status).toBe(503);
    expect(refused.body.error.message).toBe(
      'memory did not create the ticket (HTTP 429): Rate limit exceeded (retry after 30 seconds). Nothing was lost; try again.',
    );
    const { body: unchanged } = await api.get(
      `/incidents/${item.incidentId}/followups`,
    );
    expect(unchanged.items.find((f: any) => f.id === item.id)).toMatchObject({
      ticketUrl: null,
      version: item.version,
    });

    const retried = await api.post(`/followups/${item.id}/ticket`, {});
    expect(retried.status).toBe(201);
    expect(tracker.tickets).toHaveLength(1);
  });

  it('explains which annotation to add when no entity names a tracker project', async () => {
    const { api, tracker } = await start();
    const { item } = await actionItem(api, {
      entityRef: 'component:default/alerting-pipeline',
    });
    const response = await api.post(`/followups/${item.id}/ticket`, {});
    expect(response.status).toBe(409);
    expect(response.body.error.message).toBe(
      "No ticket tracker knows where this action item's ticket goes: add the example.com/tracker-project annotation to group:default/sre or to an affected entity it owns (component:default/alerting-pipeline)",
    );
    expect(tracker.tickets).toHaveLength(0);
  });

  it('says what to set up when no tracker is', async () => {
    const { api } = await start(undefined, undefined, []);
    const { item } = await actionItem(api);
    const response = await api.post(`/followups/${item.id}/ticket`, {});
    expect(response.status).toBe(409);
    expect(response.body.error.message).toBe(
      'No ticket tracker is set up: configure incidentFollowups.jira, or integrations.github with a token, and add the Jira or GitHub module of incident-followups to the backend',
    );
  });

  it('refuses role steps and items that link to a ticket already', async () => {
    const { api } = await start();
    const { incident, item } = await actionItem(api);
    const { body } = await api.get(`/incidents/${incident.id}/followups`);
    const step = body.items.find((f: any) => f.type === 'role-step');
    expect((await api.post(`/followups/${step.id}/ticket`, {})).status).toBe(
      400,
    );

    await api.patch(`/followups/${item.id}`, {
      version: item.version,
      ticketUrl: 'https://jira.example.com/browse/PAY-9',
    });
    const response = await api.post(`/followups/${item.id}/ticket`, {});
    expect(response.status).toBe(409);
    expect(response.body.error.message).toMatch(
      /already links to https:\/\/jira.example.com\/browse\/PAY-9/,
    );
  });

  it('creates tickets for new items of the configured priorities by itself', async () => {
    const { api, tracker } = await start(new MemoryTicketTracker(), {
      app: { baseUrl: 'https://portal.example.com' },
      incidentFollowups: { tickets: { autoCreate: ['P0', 'P1'] } },
    });
    const { item: urgent } = await actionItem(api, { priority: 'P1' });
    expect(urgent.ticketUrl).toBe('https://tracker.example.com/PAY-1');
    const { item: later } = await actionItem(api, { priority: 'P2' });
    expect(later.ticketUrl).toBeNull();
    expect(tracker.tickets).toHaveLength(1);
  });

  it('gives their ticket to items of those priorities added without a request waiting, such as a chat TODO', async () => {
    const { api, tracker } = await start(new MemoryTicketTracker(), {
      app: { baseUrl: 'https://portal.example.com' },
      incidentFollowups: { tickets: { autoCreate: ['P1'] } },
    });
    const { incident } = await actionItem(api, { priority: 'P2' });
    const { body: pm } = await api.post(
      `/incidents/${incident.id}/postmortem`,
      { ownerRef: 'user:default/alice' },
    );
    const imported = await api.post(`/postmortems/${pm.id}/chat-imports`, {
      transcript: '[09:40] alice: TODO add an alert on payment errors',
    });
    const [todo] = imported.body.proposals;
    await api.post(`/postmortems/${pm.id}/chat-proposals/${todo.key}`, {
      decision: 'accept',
    });
    const fromChat = async () =>
      (await api.get(`/incidents/${incident.id}/followups`)).body.items.find(
        (f: any) => f.title === 'add an alert on payment errors',
      );
    expect((await fromChat()).ticketUrl).toBeNull();

    await api.scheduler.triggerTask('incident-followups-ticket-status');
    expect((await fromChat()).ticketUrl).toBe(
      'https://tracker.example.com/PAY-1',
    );
    // Once only, and never for the P2 item.
    await api.scheduler.triggerTask('incident-followups-ticket-status');
    expect(tracker.tickets).toHaveLength(1);
  });

  it('follows the ticket state back: closed marks the item done, reopened marks it open, in the history', async () => {
    const { api, tracker } = await start();
    const { incident, item } = await actionItem(api);
    await api.post(`/followups/${item.id}/ticket`, {});

    tracker.tickets[0].state = 'closed';
    publish.mockClear();
    await api.scheduler.triggerTask('incident-followups-ticket-status');
    expect(publish).toHaveBeenCalledWith(
      expect.objectContaining({
        message: { incidentId: incident.id, what: 'followups' },
      }),
    );
    let followups = (await api.get(`/incidents/${incident.id}/followups`)).body;
    expect(followups.items.find((f: any) => f.id === item.id)).toMatchObject({
      status: 'done',
      completedBy: 'ticket-tracker:memory',
    });

    tracker.tickets[0].state = 'open';
    await api.scheduler.triggerTask('incident-followups-ticket-status');
    followups = (await api.get(`/incidents/${incident.id}/followups`)).body;
    expect(followups.items.find((f: any) => f.id === item.id)).toMatchObject({
      status: 'open',
      completedBy: null,
    });

    const { body: detail } = await api.get(`/incidents/${incident.id}`);
    const changes = detail.history.filter(
      (h: any) =>
        h.field === 'followup' && h.actorRef === 'ticket-tracker:memory',
    );
    expect(changes).toEqual([
      expect.objectContaining({
        actorRef: 'ticket-tracker:memory',
        from: { title: item.title, status: 'open' },
        to: { title: item.title, status: 'done', ticket: 'PAY-1' },
      }),
      expect.objectContaining({
        actorRef: 'ticket-tracker:memory',
        from: { title: item.title, status: 'done' },
        to: { title: item.title, status: 'open', ticket: 'PAY-1' },
      }),
    ]);
  });
});
