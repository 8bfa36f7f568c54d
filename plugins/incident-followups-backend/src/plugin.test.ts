import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { createTestDatabases } from './__testUtils__/testDatabases';
import { demoCatalog } from './__testUtils__/demoCatalog';
import { incidentFollowupsPlugin } from './plugin';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const validIncident = {
  title: 'Checkout failing for card payments',
  severity: 'SEV-1',
  status: 'triggered',
  startedAt: '2026-11-02T09:14:00Z',
  entityRefs: ['component:default/checkout-api'],
};

const user = () => mockCredentials.user.header('user:default/dave');

describe.each(databases.eachSupportedId())(
  'incident-followups API on %p',
  databaseId => {
    async function startBackend(
      catalog: ServiceFactory = catalogServiceMock.factory({
        entities: demoCatalog(),
      }),
    ) {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          incidentFollowupsPlugin,
          mockServices.rootConfig.factory({ data: {} }),
          mockServices.database.factory({ knex }),
          catalog,
        ],
      });
      const api = {
        get: (path: string) =>
          request(server)
            .get(`/api/incident-followups${path}`)
            .set('Authorization', user()),
        post: (path: string, body: unknown) =>
          request(server)
            .post(`/api/incident-followups${path}`)
            .set('Authorization', user())
            .send(body as object),
        patch: (path: string, body: unknown) =>
          request(server)
            .patch(`/api/incident-followups${path}`)
            .set('Authorization', user())
            .send(body as object),
        delete: (path: string) =>
          request(server)
            .delete(`/api/incident-followups${path}`)
            .set('Authorization', user()),
        count: async () =>
          (await api.get('/incidents?includeGrouped=true')).body.totalCount,
      };
      return { server, api };
    }

    it('answers /health without credentials and everything else with 401', async () => {
      const { server, api } = await startBackend();
      expect(
        (await request(server).get('/api/incident-followups/health')).status,
      ).toBe(200);
      for (const [method, path] of [
        ['post', '/incidents'],
        ['get', '/incidents'],
        ['get', '/incidents/6f1c2a4e-0001-4c1a-9d3e-5b7a1c000001'],
        ['patch', '/incidents/6f1c2a4e-0001-4c1a-9d3e-5b7a1c000001'],
        ['post', '/incidents/6f1c2a4e-0001-4c1a-9d3e-5b7a1c000001/related'],
        ['get', '/followups'],
        ['get', '/incidents/6f1c2a4e-0001-4c1a-9d3e-5b7a1c000001/followups'],
        ['post', '/incidents/6f1c2a4e-0001-4c1a-9d3e-5b7a1c000001/followups'],
        ['get', '/incidents/6f1c2a4e-0001-4c1a-9d3e-5b7a1c000001/postmortem'],
        ['post', '/incidents/6f1c2a4e-0001-4c1a-9d3e-5b7a1c000001/postmortem'],
        ['get', '/incidents/6f1c2a4e-0001-4c1a-9d3e-5b7a1c000001/feedback'],
        ['put', '/incidents/6f1c2a4e-0001-4c1a-9d3e-5b7a1c000001/feedback'],
        ['get', '/postmortems'],
        ['get', '/teams/group%3Adefault%2Fpayments/overview'],
        ['get', '/teams/group%3Adefault%2Fpayments/followups.csv'],
        ['get', '/process-reviews'],
        ['post', '/process-reviews'],
        ['get', '/process-reviews/5e000000-0001-4000-8000-000000000001'],
        [
          'post',
          '/process-reviews/5e000000-0001-4000-8000-000000000001/join-requests',
        ],
      ] as const) {
        const res = await request(server)
          [method](`/api/incident-followups${path}`)
          .set('Authorization', mockCredentials.none.header())
          .send(validIncident);
        expect([method, path, res.status]).toEqual([method, path, 401]);
      }
      expect(await api.count()).toBe(0);
    });

    it('creates an incident with owners from the catalog and lists it by team', async () => {
      const { api } = await startBackend();
      const created = await api.post('/incidents', {
        ...validIncident,
        entityRefs: ['Component:default/Checkout-API'],
        responders: [
          { role: 'incident-commander', userRef: 'user:default/dave' },
        ],
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        entityRefs: ['component:default/checkout-api'],
        ownerRefs: ['group:default/payments'],
        owningGroupRefs: [
          'group:default/commerce',
          'group:default/engineering',
          'group:default/payments',
        ],
        responders: [
          { role: 'incident-commander', userRef: 'user:default/dave' },
        ],
        warnings: [],
      });
      expect(created.body.history[0]).toMatchObject({
        actorRef: 'user:default/dave',
        field: 'created',
      });

      for (const query of [
        'ownerRef=group:default/engineering',
        'entityRef=system:default/payments-platform',
        'status=triggered,acknowledged&severity=SEV-1',
      ]) {
        const listed = await api.get(`/incidents?${query}`);
        expect([query, listed.body.totalCount]).toEqual([query, 1]);
      }
      expect(
        (await api.get('/incidents?ownerRef=group:default/platform')).body
          .totalCount,
      ).toBe(0);
      expect((await api.get(`/incidents/${created.body.id}`)).body.id).toBe(
        created.body.id,
      );
    });

    it('names refs the catalog does not know, and stores nothing', async () => {
      const { api } = await startBackend();
      const res = await api.post('/incidents', {
        ...validIncident,
        entityRefs: [
          'component:default/checkout-api',
          'component:default/nope',
        ],
        responders: [{ role: 'scribe', userRef: 'user:default/ghost' }],
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        "entityRefs.1: 'component:default/nope' is not in the catalog; responders.0.userRef: 'user:default/ghost' is not in the catalog",
      );
      expect(await api.count()).toBe(0);
    });

    it('stores the incident with a warning when the catalog is down', async () => {
      const { api } = await startBackend(
        catalogServiceMock.mock({
          getEntitiesByRefs: jest
            .fn()
            .mockRejectedValue(new Error('connect ECONNREFUSED')),
        }).factory,
      );
      const res = await api.post('/incidents', validIncident);
      expect(res.status).toBe(201);
      expect(res.body.ownersStale).toBe(true);
      expect(res.body.warnings[0]).toContain(
        'The owning teams could not be looked up',
      );
      expect(await api.count()).toBe(1);
    });

    it('resolves with a final severity, checks the version, and keeps the history', async () => {
      const { api } = await startBackend();
      const { body: incident } = await api.post('/incidents', validIncident);

      const missingFinal = await api.patch(`/incidents/${incident.id}`, {
        version: 1,
        status: 'resolved',
      });
      expect(missingFinal.status).toBe(400);
      expect(missingFinal.body.error.message).toContain(
        'finalSeverity: is required to resolve an incident',
      );

      const assigned = await api.patch(`/incidents/${incident.id}`, {
        version: 1,
        responders: [
          { role: 'incident-commander', userRef: 'user:default/dave' },
          { role: 'scribe', userRef: 'user:default/bob' },
        ],
      });
      expect(assigned.status).toBe(200);
      expect(assigned.body.version).toBe(2);

      const stale = await api.patch(`/incidents/${incident.id}`, {
        version: 1,
        title: 'x',
      });
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toContain('reload it and try again');

      const unknownUser = await api.patch(`/incidents/${incident.id}`, {
        version: 2,
        responders: [{ role: 'deputy', userRef: 'user:default/ghost' }],
      });
      expect(unknownUser.status).toBe(400);
      expect(unknownUser.body.error.message).toContain(
        "'user:default/ghost' is not in the catalog",
      );

      const resolved = await api.patch(`/incidents/${incident.id}`, {
        version: 2,
        status: 'resolved',
        finalSeverity: 'SEV-2',
      });
      expect(resolved.status).toBe(200);
      expect(resolved.body).toMatchObject({
        status: 'resolved',
        finalSeverity: 'SEV-2',
        version: 3,
      });
      expect(resolved.body.resolvedAt).not.toBeNull();
      expect(resolved.body.history.map((h: any) => h.field)).toEqual([
        'created',
        'responders',
        'finalSeverity',
        'status',
        'resolvedAt',
        'ownersAtResolution',
      ]);
    });

    it('groups related incidents and refuses chains with 409', async () => {
      const { api } = await startBackend();
      const ids: string[] = [];
      for (const title of ['primary', 'child', 'other']) {
        ids.push(
          (await api.post('/incidents', { ...validIncident, title })).body.id,
        );
      }
      const [primary, child, other] = ids;
      const grouped = await api.post(`/incidents/${primary}/related`, {
        incidentIds: [child],
      });
      expect(grouped.status).toBe(200);
      expect(grouped.body.relatedIncidents.map((i: any) => i.id)).toEqual([
        child,
      ]);
      expect(
        (await api.get('/incidents')).body.items
          .map((i: any) => i.title)
          .sort(),
      ).toEqual(['other', 'primary']);

      const chain = await api.post(`/incidents/${other}/related`, {
        incidentIds: [primary],
      });
      expect(chain.status).toBe(409);
      expect(chain.body.error.message).toContain(
        'a grouped incident cannot have its own',
      );
      const underChild = await api.post(`/incidents/${child}/related`, {
        incidentIds: [other],
      });
      expect(underChild.status).toBe(409);
      const self = await api.post(`/incidents/${other}/related`, {
        incidentIds: [other],
      });
      expect(self.status).toBe(400);

      const ungrouped = await api.delete(
        `/incidents/${primary}/related/${child}`,
      );
      expect(ungrouped.status).toBe(200);
      expect(ungrouped.body.relatedIncidents).toEqual([]);
    });

    it.each([
      [{ ...validIncident, title: undefined }, 'title'],
      [{ ...validIncident, title: '   ' }, 'title: must not be empty'],
      [
        { ...validIncident, severity: 'SEV-9' },
        'request/body/severity must be equal to one of the allowed values: SEV-1, SEV-2, SEV-3, SEV-4, SEV-5',
      ],
      [
        { ...validIncident, entityRefs: ['not a ref'] },
        "entityRefs.0: 'not a ref' is not an entity ref",
      ],
      [
        { ...validIncident, entityRefs: [] },
        'request/body/entityRefs must NOT have fewer than 1 items',
      ],
      [
        { ...validIncident, startedAt: 'yesterday' },
        'request/body/startedAt must match format "date-time"',
      ],
      [
        {
          ...validIncident,
          status: 'resolved',
          resolvedAt: '2026-11-02T10:00:00Z',
        },
        'finalSeverity: is required to resolve an incident',
      ],
      [
        {
          ...validIncident,
          responders: [{ role: 'boss', userRef: 'user:default/dave' }],
        },
        'request/body/responders/0/role must be equal to one of the allowed values: incident-commander,',
      ],
      [
        {
          ...validIncident,
          responders: [{ role: 'scribe', userRef: 'group:default/sre' }],
        },
        "responders.0.userRef: 'group:default/sre' is not a user ref",
      ],
      [
        { ...validIncident, owner: 'x' },
        "request/body must NOT have additional properties: 'owner'",
      ],
      [
        { ...validIncident, source: { type: 'manual', colour: 'red' } },
        "request/body/source must NOT have additional properties: 'colour'",
      ],
      [
        {
          ...validIncident,
          responders: [{ role: 'scribe', userRef: 'user:default/bob', x: 1 }],
        },
        "request/body/responders/0 must NOT have additional properties: 'x'",
      ],
      [[validIncident], 'request/body must be object'],
    ])(
      'rejects a bad incident with 400 naming the field (%#)',
      async (body, message) => {
        const { api } = await startBackend();
        const res = await api.post('/incidents', body);
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.message).toContain(message);
        expect(await api.count()).toBe(0);
      },
    );

    it('rejects malformed JSON, oversized bodies and bad queries', async () => {
      const { server, api } = await startBackend();
      const malformed = await request(server)
        .post('/api/incident-followups/incidents')
        .set('Authorization', user())
        .set('Content-Type', 'application/json')
        .send('{"title": ');
      expect(malformed.status).toBe(400);
      const oversized = await api.post('/incidents', {
        ...validIncident,
        description: 'x'.repeat(300_000),
      });
      expect(oversized.status).toBe(413);
      expect(await api.count()).toBe(0);

      for (const [query, message] of [
        ['entityRef=nope', "entityRef: 'nope' is not an entity ref"],
        ['limit=0', 'limit'],
        [
          'status=open',
          'request/query/status/0 must be equal to one of the allowed values: triggered, acknowledged, resolved',
        ],
        [
          'severity=SEV-1,P1',
          'request/query/severity/1 must be equal to one of the allowed values',
        ],
        [
          'since=2026-11-05T00:00:00Z&until=2026-11-01T00:00:00Z',
          'until: must not be before since',
        ],
        ['cursor=garbage', 'cursor: is not a cursor this API returned'],
        ['colour=red', "Unknown query parameter 'colour'"],
      ]) {
        const res = await api.get(`/incidents?${query}`);
        expect([query, res.status, res.body.error?.message]).toEqual([
          query,
          400,
          expect.stringContaining(message),
        ]);
      }
      expect(
        (await api.get('/incidents/00000000-0000-4000-8000-000000000000'))
          .status,
      ).toBe(404);
      const badId = await api.get('/incidents/42');
      expect(badId.status).toBe(400);
      expect(badId.body.error.message).toBe(
        'request/params/id must match format "uuid"',
      );
    });
  },
);
