import { FakePagerDuty } from '../__testUtils__/FakePagerDuty';
import { PagerDutyApiError } from './PagerDutyApiError';
import { PagerDutyClient } from './PagerDutyClient';

// The fake compiles PagerDuty's OpenAPI document on its first requests, which is slow
// on a busy machine.
jest.setTimeout(60_000);

describe('PagerDutyClient against the fake PagerDuty', () => {
  let fake: FakePagerDuty;
  let waits: number[];
  let client: PagerDutyClient;

  beforeAll(async () => {
    fake = await FakePagerDuty.start({ token: 'secret' });
    // The tests below time out after 300 ms: the fake's validator is compiled first.
    await new PagerDutyClient({
      baseUrl: fake.baseUrl,
      token: 'secret',
      timeoutMs: 60_000,
    }).listIncidents({
      serviceIds: ['PSVC1'],
      since: '2026-11-01T00:00:00.000Z',
      until: '2026-11-02T00:00:00.000Z',
      offset: 0,
      limit: 1,
    });
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.incidents.clear();
    fake.faults.length = 0;
    fake.requests.length = 0;
    waits = [];
    client = new PagerDutyClient({
      baseUrl: fake.baseUrl,
      token: 'secret',
      timeoutMs: 300,
      backoffMs: 100,
      sleep: async ms => {
        waits.push(ms);
      },
    });
  });
  afterEach(() => {
    const violations = fake.violations.splice(0);
    if (violations.length > 0) {
      throw new Error(
        `Outside PagerDuty's OpenAPI document: ${JSON.stringify(violations)}`,
      );
    }
  });

  const window = {
    since: '2026-11-01T00:00:00.000Z',
    until: '2026-11-02T00:00:00.000Z',
  };

  it('lists incidents with the parameters PagerDuty documents', async () => {
    const first = fake.addIncident({
      serviceId: 'PSVC1',
      createdAt: '2026-11-01T10:00:00Z',
      priority: 'P2',
      assigneeEmails: ['jane@example.com'],
    });
    fake.addIncident({ serviceId: 'PSVC2', createdAt: '2026-11-01T11:00:00Z' });
    fake.addIncident({ serviceId: 'PSVC1', createdAt: '2026-11-03T10:00:00Z' });

    const page = await client.listIncidents({
      serviceIds: ['PSVC1'],
      ...window,
      offset: 0,
      limit: 100,
    });

    expect(page.incidents.map(i => i.id)).toEqual([first.id]);
    expect(page.incidents[0].priority?.name).toBe('P2');
    expect(page.incidents[0].assignments[0].assignee.email).toBe(
      'jane@example.com',
    );
    expect(page.more).toBe(false);
    const query = new URLSearchParams(fake.requests[0].query);
    expect(query.getAll('service_ids[]')).toEqual(['PSVC1']);
    expect(query.getAll('statuses[]')).toEqual([
      'triggered',
      'acknowledged',
      'resolved',
    ]);
    expect(query.get('since')).toBe(window.since);
  });

  it('reads an incident and its log entries, and answers undefined for an unknown one', async () => {
    const incident = fake.addIncident({
      serviceId: 'PSVC1',
      createdAt: '2026-11-01T10:00:00Z',
    });
    fake.acknowledge(incident.id, '2026-11-01T10:02:00Z', 'jane@example.com');

    expect((await client.getIncident(incident.id))?.status).toBe(
      'acknowledged',
    );
    expect(await client.getIncident('QNOSUCH')).toBeUndefined();
    const entries = await client.listLogEntries(incident.id, {
      offset: 0,
      limit: 100,
    });
    expect(entries.log_entries.map(e => e.type)).toEqual([
      'trigger_log_entry',
      'acknowledge_log_entry',
    ]);
  });

  it('waits as long as Retry-After says when rate limited', async () => {
    fake.failNext(/^\/incidents$/, {
      kind: 'rate-limit',
      retryAfterSeconds: 7,
    });
    await client.listIncidents({
      serviceIds: ['PSVC1'],
      ...window,
      offset: 0,
      limit: 10,
    });
    expect(waits).toEqual([7000]);
  });

  it('retries server errors and timeouts with growing waits', async () => {
    fake.failNext(/^\/incidents$/, { kind: 'server-error' }, 2);
    fake.failNext(/^\/incidents$/, { kind: 'hang' });
    await client.listIncidents({
      serviceIds: ['PSVC1'],
      ...window,
      offset: 0,
      limit: 10,
    });
    expect(waits).toEqual([100, 200, 400]);
    expect(fake.requests).toHaveLength(4);
  });

  it('gives up after the last attempt with what went wrong', async () => {
    fake.failNext(/^\/incidents$/, { kind: 'server-error' }, 5);
    await expect(
      client.listIncidents({
        serviceIds: ['PSVC1'],
        ...window,
        offset: 0,
        limit: 10,
      }),
    ).rejects.toThrow(
      'PagerDuty GET /incidents answered 500: Internal Server Error',
    );
    expect(fake.requests).toHaveLength(5);
  });

  it('fails at once, with PagerDuty message, when the token is refused', async () => {
    fake.validTokens = new Set(['another']);
    try {
      const error = await client
        .listIncidents({
          serviceIds: ['PSVC1'],
          ...window,
          offset: 0,
          limit: 10,
        })
        .catch(e => e);
      expect(error).toBeInstanceOf(PagerDutyApiError);
      expect(error.message).toBe(
        'PagerDuty GET /incidents answered 401: Unauthorized',
      );
      expect(fake.requests).toHaveLength(1);
    } finally {
      fake.validTokens = new Set(['secret']);
    }
  });
});

describe('PagerDutyClient writes against the fake PagerDuty', () => {
  let fake: FakePagerDuty;
  let client: PagerDutyClient;

  beforeAll(async () => {
    fake = await FakePagerDuty.start({ token: 'secret' });
    client = new PagerDutyClient({
      baseUrl: fake.baseUrl,
      token: 'secret',
      timeoutMs: 10_000,
      backoffMs: 1,
    });
  });
  afterAll(() => fake.stop());
  afterEach(() => {
    const violations = fake.violations.splice(0);
    if (violations.length > 0) {
      throw new Error(
        `Outside PagerDuty's OpenAPI document: ${JSON.stringify(violations)}`,
      );
    }
  });

  it('merges, sets the priority and resolves, and adds a note, each with the From header', async () => {
    const primary = fake.addIncident({
      serviceId: 'PSVC1',
      createdAt: '2026-11-01T10:00:00Z',
    });
    const other = fake.addIncident({
      serviceId: 'PSVC1',
      createdAt: '2026-11-01T10:01:00Z',
    });

    await client.mergeIncidents(primary.id, [other.id], 'ic@example.com');
    const resolved = await client.resolveIncident(
      primary.id,
      'P2',
      'ic@example.com',
    );
    const note = await client.addNote(
      primary.id,
      'Post-mortem: https://portal/pm/1',
      'ic@example.com',
    );

    expect(fake.incidents.get(other.id)).toMatchObject({
      status: 'resolved',
      mergedInto: primary.id,
    });
    expect(resolved.incident).toMatchObject({
      status: 'resolved',
      priority: expect.objectContaining({ name: 'P2' }),
    });
    expect(note.note.content).toBe('Post-mortem: https://portal/pm/1');
    expect(fake.writes.map(w => w.from)).toEqual([
      'ic@example.com',
      'ic@example.com',
      'ic@example.com',
    ]);
  });

  it("fails with PagerDuty's message, and does not repeat a write that failed", async () => {
    const incident = fake.addIncident({
      serviceId: 'PSVC1',
      createdAt: '2026-11-01T10:00:00Z',
    });
    await expect(
      client.resolveIncident(incident.id, 'P9', 'ic@example.com'),
    ).rejects.toThrow(
      `PagerDuty PUT /incidents/${incident.id} answered 404: Priority P9 not found`,
    );
    fake.failNext(/\/notes$/, { kind: 'server-error' });
    const before = fake.requests.length;
    await expect(
      client.addNote(incident.id, 'x', 'ic@example.com'),
    ).rejects.toThrow('answered 500');
    expect(fake.requests.length - before).toBe(1);
    fake.violations.length = 0;
  });
});

describe('PagerDutyClient status page posts against the fake PagerDuty', () => {
  let fake: FakePagerDuty;
  beforeAll(async () => {
    fake = await FakePagerDuty.start({ token: 'secret' });
  });
  afterAll(() => fake.stop());

  it('posts the message as an incident post with one update', async () => {
    const client = new PagerDutyClient({
      baseUrl: fake.baseUrl,
      token: 'secret',
      timeoutMs: 10_000,
    });
    const answer = await client.postToStatusPage('PSTATUS', {
      title: 'Card payments failed',
      message: 'Between 10:00 and 11:00 UTC card payments failed.',
      statusId: 'PRESOLVED',
      severityId: 'PMINOR',
    });
    expect(answer.post.self).toBe(
      `${fake.baseUrl}/status_pages/PSTATUS/posts/${answer.post.id}`,
    );
    expect(fake.writes[0].body).toMatchObject({
      post: {
        post_type: 'incident',
        updates: [
          { message: 'Between 10:00 and 11:00 UTC card payments failed.' },
        ],
      },
    });
    expect(fake.violations).toEqual([]);
  });
});
