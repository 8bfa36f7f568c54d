import { FakePagerDuty } from './FakePagerDuty';

// The fake compiles PagerDuty's OpenAPI document on its first requests, which is slow
// on a busy machine.
jest.setTimeout(60_000);

describe('FakePagerDuty', () => {
  let fake: FakePagerDuty;
  beforeAll(async () => {
    fake = await FakePagerDuty.start();
  });
  afterAll(() => fake.stop());
  afterEach(() => {
    fake.violations.length = 0;
  });

  it('answers GET /incidents within the OpenAPI document', async () => {
    const incident = fake.addIncident({
      serviceId: 'PSVC1',
      createdAt: '2026-11-01T10:00:00Z',
      priority: 'P1',
      assigneeEmails: ['jane@example.com'],
    });
    fake.acknowledge(incident.id, '2026-11-01T10:05:00Z', 'jane@example.com');
    const other = fake.addIncident({
      serviceId: 'PSVC1',
      createdAt: '2026-11-01T10:01:00Z',
    });
    fake.merge(incident.id, other.id, '2026-11-01T10:10:00Z');
    const response = await fetch(
      `${fake.baseUrl}/incidents?${new URLSearchParams({
        'service_ids[]': 'PSVC1',
        since: '2026-10-01T00:00:00Z',
        until: '2026-11-02T00:00:00Z',
        limit: '1',
      })}`,
      {
        headers: {
          Authorization: 'Token token=fake-token',
          Accept: 'application/vnd.pagerduty+json;version=2',
        },
      },
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.incidents.map((i: any) => i.id)).toEqual([incident.id]);
    expect(body.more).toBe(true);
    const entries = await fetch(
      `${fake.baseUrl}/incidents/${incident.id}/log_entries`,
      {
        headers: { Authorization: 'Token token=fake-token' },
      },
    );
    expect(entries.status).toBe(200);
    const merged = await fetch(`${fake.baseUrl}/incidents/${other.id}`, {
      headers: { Authorization: 'Token token=fake-token' },
    });
    expect((await merged.json()).incident.resolve_reason.incident.id).toBe(
      incident.id,
    );
    expect(fake.violations).toEqual([]);
  });

  it('records requests the OpenAPI document does not allow', async () => {
    const response = await fetch(
      `${fake.baseUrl}/incidents?statuses[]=sleeping`,
      {
        headers: { Authorization: 'Token token=fake-token' },
      },
    );
    expect(response.status).toBe(400);
    expect(fake.violations).toEqual([
      expect.objectContaining({
        path: '/incidents',
        message: expect.stringContaining('statuses'),
      }),
    ]);
    fake.violations.length = 0;
  });

  it('refuses a token it does not know', async () => {
    const response = await fetch(`${fake.baseUrl}/incidents`, {
      headers: { Authorization: 'Token token=revoked' },
    });
    expect(response.status).toBe(401);
  });
});
