import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  PermissionCriteria,
  PermissionCondition,
} from '@backstage/plugin-permission-common';
import {
  INCIDENT_RESOURCE_TYPE,
  incidentReadPermission,
  incidentUpdatePermission,
} from '@incident-followups/plugin-incident-followups-common';
import {
  ApiTestBackend,
  startApiTestBackend,
} from '../__testUtils__/startApiTestBackend';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

type Conditions = PermissionCriteria<PermissionCondition>;
const condition = (rule: string, userRefs: string[]): Conditions => ({
  rule,
  resourceType: INCIDENT_RESOURCE_TYPE,
  params: { userRefs },
});

/**
 * A policy that answers reads with the given conditions (or a definitive answer),
 * lets single incidents be read when their id is in `readableIds`, and allows
 * everything else.
 */
function readPolicy(
  answer: Conditions | AuthorizeResult.DENY,
  readableIds: string[] = [],
) {
  return mockServices.permissions.mock({
    authorizeConditional: async requests =>
      requests.map(({ permission }) => {
        if (permission.name !== incidentReadPermission.name) {
          return { result: AuthorizeResult.ALLOW };
        }
        return answer === AuthorizeResult.DENY
          ? { result: AuthorizeResult.DENY }
          : {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'incident-followups',
              resourceType: INCIDENT_RESOURCE_TYPE,
              conditions: answer,
            };
      }) as any,
    authorize: async requests =>
      requests.map(r => ({
        result:
          r.permission.name !== incidentReadPermission.name ||
          ('resourceRef' in r && readableIds.includes(r.resourceRef!))
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })),
  }).factory;
}

async function seed(api: ApiTestBackend) {
  const incident = async (
    title: string,
    entityRef: string,
    responders: { role: string; userRef: string }[],
  ) => {
    const res = await api.post('/incidents', {
      title,
      severity: 'SEV-2',
      status: 'resolved',
      finalSeverity: 'SEV-2',
      startedAt: '2026-11-02T09:14:00Z',
      resolvedAt: '2026-11-02T10:00:00Z',
      entityRefs: [entityRef],
      responders,
    });
    expect(res.status).toBe(201);
    await api.post(`/incidents/${res.body.id}/postmortem`, {
      ownerRef: 'user:default/dave',
    });
    await api.post(`/incidents/${res.body.id}/followups`, {
      title: `Fix ${title}`,
      kind: 'prevention',
      priority: 'P1',
      ownerRef: 'group:default/payments',
    });
    return res.body.id as string;
  };
  return {
    // Alice was its scribe; the service is not her team's.
    aliceResponded: await incident(
      'Alerts delayed',
      'component:default/alerting-pipeline',
      [{ role: 'scribe', userRef: 'user:default/alice' }],
    ),
    // Owned by payments, Alice's team.
    paymentsOwned: await incident(
      'Checkout failing',
      'component:default/checkout-api',
      [],
    ),
    // Neither.
    unrelated: await incident(
      'Metrics slow',
      'component:default/alerting-pipeline',
      [{ role: 'incident-commander', userRef: 'user:default/dave' }],
    ),
  };
}

const alice = 'user:default/alice';

describe.each(databases.eachSupportedId())(
  'reading incidents under the permission policy on %p',
  databaseId => {
    it('lists only what the policy lets a user read, filtered in the database, and hides the rest as missing', async () => {
      const owner = await startApiTestBackend({
        knex: await databases.init(databaseId),
      });
      const ids = await seed(owner);
      const reader = await startApiTestBackend({
        knex: owner.knex,
        permissions: readPolicy(
          {
            anyOf: [
              condition('IS_RESPONDER', [alice]),
              condition('IS_OWNING_TEAM_MEMBER', ['group:default/payments']),
            ],
          },
          [ids.aliceResponded, ids.paymentsOwned],
        ),
      });

      const incidents = await reader.get('/incidents', alice);
      expect(incidents.status).toBe(200);
      expect(incidents.body.totalCount).toBe(2);
      expect(incidents.body.items.map((i: any) => i.id).sort()).toEqual(
        [ids.aliceResponded, ids.paymentsOwned].sort(),
      );
      // Paging walks the readable ones only.
      const first = await reader.get('/incidents?limit=1', alice);
      const second = await reader.get(
        `/incidents?limit=1&cursor=${first.body.nextCursor}`,
        alice,
      );
      expect(second.body.nextCursor).toBeNull();
      expect([first.body.items[0].id, second.body.items[0].id].sort()).toEqual(
        [ids.aliceResponded, ids.paymentsOwned].sort(),
      );

      const postmortems = await reader.get('/postmortems', alice);
      expect(postmortems.body.totalCount).toBe(2);
      expect(
        postmortems.body.items.map((p: any) => p.incidentId).sort(),
      ).toEqual([ids.aliceResponded, ids.paymentsOwned].sort());

      const team = await reader.get(
        `/teams/${encodeURIComponent(
          'group:default/payments',
        )}/overview?since=2026-10-01T00:00:00Z&until=2026-12-01T00:00:00Z`,
        alice,
      );
      expect(team.status).toBe(200);
      const teamIncidents = new Set(
        team.body.followups.items.map((f: any) => f.incidentId),
      );
      expect(teamIncidents.has(ids.unrelated)).toBe(false);
      expect(teamIncidents.has(ids.paymentsOwned)).toBe(true);
      const firstPage = await reader.get(
        `/teams/${encodeURIComponent('group:default/payments')}/followups`,
        alice,
      );
      // The pages after the overview's hide the same: the unrelated incident's
      // followup owned by Payments is in neither.
      expect(firstPage.body.items.map((f: any) => f.id).sort()).toEqual(
        team.body.followups.items.map((f: any) => f.id).sort(),
      );
      expect(
        firstPage.body.items.some((f: any) => f.incidentId === ids.unrelated),
      ).toBe(false);

      for (const path of [
        `/incidents/${ids.unrelated}`,
        `/incidents/${ids.unrelated}/followups`,
        `/incidents/${ids.unrelated}/postmortem`,
        `/incidents/${ids.unrelated}/feedback`,
      ]) {
        const res = await reader.get(path, alice);
        expect([path, res.status]).toEqual([path, 404]);
      }
      const hiddenPostmortem = (
        await owner.get(`/incidents/${ids.unrelated}/postmortem`)
      ).body;
      for (const suffix of [
        '',
        '/export.md',
        '/meeting.ics',
        '/chat-proposals',
      ]) {
        const path = `/postmortems/${hiddenPostmortem.id}${suffix}`;
        const res = await reader.get(path, alice);
        expect([path, res.status]).toEqual([path, 404]);
      }
      const readable = await reader.get(
        `/incidents/${ids.paymentsOwned}`,
        alice,
      );
      expect(readable.status).toBe(200);

      // The process review of the period: its agenda, its export and its
      // decisions show only the incidents the reader may read.
      const review = await owner.post('/process-reviews', {
        scheduledFor: '2026-11-05T15:00:00Z',
        periodSince: '2026-11-01T00:00:00Z',
        periodUntil: '2026-11-05T00:00:00Z',
      });
      expect(review.status).toBe(201);
      expect(review.body.agendaCount).toBe(3);
      const decided = await owner.post(
        `/process-reviews/${review.body.id}/decisions`,
        { incidentId: ids.unrelated, text: 'Page the metrics team sooner' },
      );
      expect(decided.status).toBe(201);
      const agenda = await reader.get(
        `/process-reviews/${review.body.id}`,
        alice,
      );
      expect(agenda.status).toBe(200);
      expect(agenda.body.agendaCount).toBe(2);
      // Read a page of one: the hidden incident neither fills a page nor counts.
      const seen: string[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const page: any = await reader.get(
          `/process-reviews/${review.body.id}/agenda?limit=1${
            cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
          }`,
          alice,
        );
        expect(page.body).toMatchObject({ totalCount: 2 });
        expect(page.body.items).toHaveLength(1);
        seen.push(page.body.items[0].incidentId);
        cursor = page.body.nextCursor;
      }
      expect(seen.sort()).toEqual(
        [ids.aliceResponded, ids.paymentsOwned].sort(),
      );
      const hiddenItem = await reader.get(
        `/process-reviews/${review.body.id}/agenda/${ids.unrelated}`,
        alice,
      );
      expect(hiddenItem.status).toBe(404);
      expect(agenda.body.decisions).toEqual([]);
      expect(agenda.body.attendeeRefs).toEqual(review.body.attendeeRefs);
      const exported = await reader.get(
        `/process-reviews/${review.body.id}/agenda.md`,
        alice,
      );
      expect(exported.status).toBe(200);
      expect(exported.text).toContain('Checkout failing');
      expect(exported.text).not.toContain('Metrics slow');
      expect(exported.text).not.toContain('Page the metrics team sooner');
    });

    it('applies all-of and not conditions, and a refusal leaves every list empty', async () => {
      const owner = await startApiTestBackend({
        knex: await databases.init(databaseId),
      });
      const ids = await seed(owner);
      const payingNotResponded = await startApiTestBackend({
        knex: owner.knex,
        permissions: readPolicy({
          allOf: [
            condition('IS_OWNING_TEAM_MEMBER', [
              'group:default/payments',
              'group:default/sre',
            ]),
            { not: condition('IS_RESPONDER', [alice]) },
          ],
        }),
      });
      const incidents = await payingNotResponded.get('/incidents', alice);
      expect(incidents.body.items.map((i: any) => i.id).sort()).toEqual(
        [ids.paymentsOwned, ids.unrelated].sort(),
      );
      const followups = await payingNotResponded.get('/followups', alice);
      const followupIncidents = new Set(
        followups.body.items.map((f: any) => f.incidentId),
      );
      expect([...followupIncidents].sort()).toEqual(
        [ids.paymentsOwned, ids.unrelated].sort(),
      );
      expect(followups.body.totalCount).toBe(followups.body.items.length);

      const refused = await startApiTestBackend({
        knex: owner.knex,
        permissions: readPolicy(AuthorizeResult.DENY),
      });
      for (const path of ['/incidents', '/postmortems', '/followups']) {
        const res = await refused.get(path, alice);
        expect([path, res.status, res.body.totalCount]).toEqual([path, 200, 0]);
      }
    });
  },
);

/** Callers as a real sign-in gives them: with the expiry of their token. */
const signedInHttpAuth = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }) => {
    const mock = mockServices.httpAuth({ pluginId: plugin.getId() });
    const expiresAt = new Date(Date.now() + 3_600_000);
    return {
      ...mock,
      credentials: (async (req: any, options: any) => {
        const credentials = await mock.credentials(req, options);
        return (credentials.principal as { type: string }).type === 'user'
          ? { ...credentials, expiresAt }
          : credentials;
      }) as typeof mock.credentials,
    };
  },
});

describe('asking the permission policy about reads', () => {
  async function askedWith(config: object) {
    const policy = mockServices.permissions.mock();
    const allow = async (requests: readonly unknown[]) =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    policy.authorize.mockImplementation(allow as any);
    policy.authorizeConditional.mockImplementation(allow as any);
    const api = await startApiTestBackend({
      knex: await databases.init('SQLITE_3'),
      permissions: policy.factory,
      features: [signedInHttpAuth],
      config,
    });
    const { paymentsOwned: id } = await seed(api);
    let { version } = (await api.get(`/incidents/${id}`)).body;
    policy.authorize.mockClear();
    policy.authorizeConditional.mockClear();
    for (const user of [alice, alice, 'user:default/bob']) {
      expect((await api.get('/incidents', user)).status).toBe(200);
      expect((await api.get(`/incidents/${id}`, user)).status).toBe(200);
    }
    for (const title of ['Checkout down', 'Checkout failing']) {
      const res = await api.patch(`/incidents/${id}`, { title, version });
      expect(res.status).toBe(200);
      version = res.body.version;
    }
    const asked = (mock: { mock: { calls: any[][] } }, name: string) =>
      mock.mock.calls.filter(([requests]) =>
        requests.some((r: any) => r.permission.name === name),
      ).length;
    return {
      lists: asked(policy.authorizeConditional, incidentReadPermission.name),
      incidents: asked(policy.authorize, incidentReadPermission.name),
      writes: asked(policy.authorize, incidentUpdatePermission.name),
    };
  }

  it('asks once per user and question while the answer is kept, and on every write', async () => {
    expect(await askedWith({})).toEqual({ lists: 2, incidents: 2, writes: 2 });
  });

  it('asks on every read with a time to live of 0', async () => {
    expect(
      await askedWith({
        incidentFollowups: { permissions: { readDecisionTtl: '0s' } },
      }),
    ).toEqual({ lists: 3, incidents: 3, writes: 2 });
  });
});
