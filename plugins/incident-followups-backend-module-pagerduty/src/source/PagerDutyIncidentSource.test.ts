import { SourceIncident } from '@incident-followups/plugin-incident-followups-node';
import { PagerDutyClient } from '../client/PagerDutyClient';
import { FakePagerDuty } from '../__testUtils__/FakePagerDuty';
import { PagerDutyIncidentSource } from './PagerDutyIncidentSource';

// The fake compiles PagerDuty's OpenAPI document on its first requests, which is slow
// on a busy machine.
jest.setTimeout(60_000);

describe('PagerDutyIncidentSource', () => {
  let fake: FakePagerDuty;
  let source: PagerDutyIncidentSource;

  beforeAll(async () => {
    fake = await FakePagerDuty.start();
    source = new PagerDutyIncidentSource(
      new PagerDutyClient({
        baseUrl: fake.baseUrl,
        token: 'fake-token',
        timeoutMs: 5000,
      }),
      {
        schedule: { frequency: { minutes: 5 }, timeout: { minutes: 10 } },
        initialLookbackDays: 30,
        prioritySeverities: { P1: 'SEV-1', P2: 'SEV-2' },
        defaultSeverity: 'SEV-3',
      },
    );
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.incidents.clear();
    fake.requests.length = 0;
  });
  afterEach(() => {
    const violations = fake.violations.splice(0);
    if (violations.length > 0) {
      throw new Error(
        `Outside PagerDuty's OpenAPI document: ${JSON.stringify(violations)}`,
      );
    }
  });

  async function listAll(since: string, until: string) {
    const all: SourceIncident[] = [];
    for await (const page of source.listIncidents({
      serviceIds: ['PSVC1'],
      since,
      until,
    })) {
      all.push(...page);
    }
    return all;
  }

  it('maps an incident: priority to severity, acknowledgement, responders, merge', async () => {
    const primary = fake.addIncident({
      serviceId: 'PSVC1',
      createdAt: '2026-11-01T10:00:00Z',
      title: 'Checkout is down',
      priority: 'P1',
      assigneeEmails: ['jane@example.com'],
    });
    fake.acknowledge(primary.id, '2026-11-01T10:03:00Z', 'sam@example.com');
    const child = fake.addIncident({
      serviceId: 'PSVC1',
      createdAt: '2026-11-01T10:01:00Z',
      priority: 'P9',
    });
    fake.merge(primary.id, child.id, '2026-11-01T10:05:00Z');

    const [first, second] = await listAll(
      '2026-11-01T00:00:00Z',
      '2026-11-02T00:00:00Z',
    );
    expect(first).toEqual({
      externalId: primary.id,
      serviceId: 'PSVC1',
      url: `${fake.baseUrl}/incidents/${primary.id}`,
      title: 'Checkout is down',
      description: 'PagerDuty incident #1 on Service PSVC1',
      severity: 'SEV-1',
      status: 'acknowledged',
      startedAt: '2026-11-01T10:00:00.000Z',
      acknowledgedAt: '2026-11-01T10:03:00.000Z',
      resolvedAt: null,
      mergedIntoExternalId: null,
      responderEmails: ['jane@example.com', 'sam@example.com'],
    });
    expect(second).toMatchObject({
      severity: 'SEV-3',
      status: 'resolved',
      resolvedAt: '2026-11-01T10:05:00.000Z',
      mergedIntoExternalId: primary.id,
    });
    expect(await source.listEvents(primary.id)).toEqual([
      expect.objectContaining({ summary: 'Triggered through the API' }),
      expect.objectContaining({
        at: '2026-11-01T10:03:00.000Z',
        summary: 'Acknowledged by sam@example.com',
      }),
    ]);
  });

  it('pages through thousands of incidents in creation order', async () => {
    const start = Date.parse('2026-11-01T00:00:00Z');
    for (let i = 0; i < 2500; i++) {
      fake.addIncident({
        serviceId: i % 5 === 0 ? 'POTHER' : 'PSVC1',
        createdAt: new Date(start + i * 60_000).toISOString(),
      });
    }
    const all = await listAll('2026-11-01T00:00:00Z', '2026-11-10T00:00:00Z');
    expect(all).toHaveLength(2000);
    expect(new Set(all.map(i => i.externalId)).size).toBe(2000);
    expect(fake.requests).toHaveLength(20);
  });

  it('loses nothing when an incident arrives between two pages', async () => {
    const start = Date.parse('2026-11-01T00:00:00Z');
    for (let i = 0; i < 250; i++) {
      fake.addIncident({
        serviceId: 'PSVC1',
        createdAt: new Date(start + i * 60_000).toISOString(),
      });
    }
    const original = [...fake.incidents.keys()];
    let pages = 0;
    fake.beforeAnswer = req => {
      if (req.path === '/incidents' && ++pages === 2) {
        // Listed late, with a creation time early in the window: the pages shift.
        fake.addIncident({
          serviceId: 'PSVC1',
          createdAt: '2026-11-01T00:00:30Z',
        });
      }
    };
    try {
      const seen = new Set(
        (await listAll('2026-11-01T00:00:00Z', '2026-11-10T00:00:00Z')).map(
          i => i.externalId,
        ),
      );
      expect(original.filter(id => !seen.has(id))).toEqual([]);
    } finally {
      fake.beforeAnswer = undefined;
    }
  });

  it('goes past PagerDuty offset limit by restarting the window at the last incident seen', async () => {
    const start = Date.parse('2026-11-01T00:00:00Z');
    for (let i = 0; i < 10_050; i++) {
      fake.addIncident({
        serviceId: 'PSVC1',
        createdAt: new Date(start + i * 1000).toISOString(),
      });
    }
    const all = await listAll('2026-11-01T00:00:00Z', '2026-11-10T00:00:00Z');
    expect(new Set(all.map(i => i.externalId)).size).toBe(10_050);
    expect(
      fake.requests.every(r => {
        const query = new URLSearchParams(r.query);
        return (
          Number(query.get('offset')) + Number(query.get('limit')) <= 10_000
        );
      }),
    ).toBe(true);
  }, 60_000);
});

describe('PagerDutyIncidentSource.primaryOnCall', () => {
  it('answers who is on call first for the service', async () => {
    const fake = await FakePagerDuty.start();
    try {
      fake.onCall.set('PSVC1', ['first@example.com', 'second@example.com']);
      const source = new PagerDutyIncidentSource(
        new PagerDutyClient({
          baseUrl: fake.baseUrl,
          token: 'fake-token',
          timeoutMs: 30_000,
        }),
        {
          schedule: { frequency: { minutes: 5 }, timeout: { minutes: 10 } },
          initialLookbackDays: 30,
          prioritySeverities: {},
          defaultSeverity: 'SEV-3',
        },
      );
      expect(await source.primaryOnCall('PSVC1')).toEqual({
        email: 'first@example.com',
      });
      fake.onCall.set('PSVC1', []);
      expect(await source.primaryOnCall('PSVC1')).toBeUndefined();
      expect(fake.violations).toEqual([]);
    } finally {
      await fake.stop();
    }
  });
});
