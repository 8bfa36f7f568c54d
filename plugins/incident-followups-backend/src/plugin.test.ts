import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { incidentFollowupsPlugin } from './plugin';

jest.setTimeout(60_000);

const validIncident = {
  title: 'Checkout failing for card payments',
  severity: 'SEV-1',
  status: 'triggered',
  startedAt: '2026-11-02T09:14:00Z',
  entityRefs: ['component:default/checkout-api'],
};

describe('incident-followups backend', () => {
  async function startBackend() {
    const { server } = await startTestBackend({
      features: [
        incidentFollowupsPlugin,
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    return server;
  }

  async function countIncidents(
    server: Awaited<ReturnType<typeof startBackend>>,
  ) {
    const res = await request(server)
      .get('/api/incident-followups/incidents')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    return res.body.totalCount as number;
  }

  it('answers /health without credentials', async () => {
    const server = await startBackend();
    const res = await request(server).get('/api/incident-followups/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it.each([
    ['POST', '/incidents'],
    ['GET', '/incidents'],
    ['GET', '/incidents/6f1c2a4e-0001-4c1a-9d3e-5b7a1c000001'],
  ])('answers %s %s with 401 without credentials', async (method, path) => {
    const server = await startBackend();
    const res = await request(server)
      [method === 'POST' ? 'post' : 'get'](`/api/incident-followups${path}`)
      .set('Authorization', mockCredentials.none.header())
      .send(validIncident);
    expect(res.status).toBe(401);
    expect(await countIncidents(server)).toBe(0);
  });

  it('creates an incident and lists it for its entity', async () => {
    const server = await startBackend();
    const created = await request(server)
      .post('/api/incident-followups/incidents')
      .set('Authorization', mockCredentials.user.header())
      .send({
        ...validIncident,
        entityRefs: ['Component:default/Checkout-API'],
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'Checkout failing for card payments',
      severity: 'SEV-1',
      status: 'triggered',
      startedAt: '2026-11-02T09:14:00.000Z',
      resolvedAt: null,
      entityRefs: ['component:default/checkout-api'],
    });

    const listed = await request(server)
      .get('/api/incident-followups/incidents')
      .query({ entityRef: 'component:default/checkout-api' })
      .set('Authorization', mockCredentials.user.header());
    expect(listed.status).toBe(200);
    expect(listed.body.totalCount).toBe(1);
    expect(listed.body.items[0].id).toBe(created.body.id);

    const other = await request(server)
      .get('/api/incident-followups/incidents')
      .query({ entityRef: 'component:default/log-ingest' })
      .set('Authorization', mockCredentials.user.header());
    expect(other.body).toEqual({ items: [], totalCount: 0, nextCursor: null });

    const one = await request(server)
      .get(`/api/incident-followups/incidents/${created.body.id}`)
      .set('Authorization', mockCredentials.service.header());
    expect(one.status).toBe(200);
    expect(one.body).toEqual(created.body);
  });

  it.each([
    [{ ...validIncident, title: undefined }, 'title'],
    [{ ...validIncident, title: '   ' }, 'title: must not be empty'],
    [
      { ...validIncident, severity: 'SEV-9' },
      'severity: must be one of SEV-1, SEV-2, SEV-3, SEV-4, SEV-5',
    ],
    [
      { ...validIncident, entityRefs: ['not a ref'] },
      "entityRefs.0: 'not a ref' is not an entity ref",
    ],
    [
      { ...validIncident, entityRefs: ['checkout-api'] },
      "entityRefs.0: 'checkout-api' is not an entity ref",
    ],
    [
      { ...validIncident, entityRefs: [] },
      'entityRefs: needs at least one affected entity',
    ],
    [
      { ...validIncident, startedAt: 'yesterday' },
      'startedAt: must be an ISO 8601 date-time',
    ],
    [
      { ...validIncident, status: 'resolved' },
      'resolvedAt: is required when status is resolved',
    ],
    [
      { ...validIncident, owner: 'x' },
      "Unrecognized key(s) in object: 'owner'",
    ],
    [[validIncident], 'body: Expected object, received array'],
  ])(
    'rejects a bad incident with 400 naming the field (%#)',
    async (body, message) => {
      const server = await startBackend();
      const res = await request(server)
        .post('/api/incident-followups/incidents')
        .set('Authorization', mockCredentials.user.header())
        .send(body as object);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain(message);
      expect(await countIncidents(server)).toBe(0);
    },
  );

  it('rejects malformed JSON and oversized bodies without storing anything', async () => {
    const server = await startBackend();
    const malformed = await request(server)
      .post('/api/incident-followups/incidents')
      .set('Authorization', mockCredentials.user.header())
      .set('Content-Type', 'application/json')
      .send('{"title": ');
    expect(malformed.status).toBe(400);

    const oversized = await request(server)
      .post('/api/incident-followups/incidents')
      .set('Authorization', mockCredentials.user.header())
      .send({ ...validIncident, description: 'x'.repeat(300_000) });
    expect(oversized.status).toBe(413);
    expect(await countIncidents(server)).toBe(0);
  });

  it.each([
    [{ entityRef: 'nope' }, "entityRef: 'nope' is not an entity ref"],
    [{ limit: '0' }, 'limit'],
    [{ limit: 'many' }, 'limit'],
    [{ cursor: 'garbage' }, 'cursor: is not a cursor this API returned'],
    [{ colour: 'red' }, "Unrecognized key(s) in object: 'colour'"],
  ])('rejects a bad list query with 400 (%#)', async (query, message) => {
    const server = await startBackend();
    const res = await request(server)
      .get('/api/incident-followups/incidents')
      .query(query)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it('answers 404 for an unknown incident and 400 for a malformed id', async () => {
    const server = await startBackend();
    const missing = await request(server)
      .get(
        '/api/incident-followups/incidents/00000000-0000-4000-8000-000000000000',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(missing.status).toBe(404);
    const malformed = await request(server)
      .get('/api/incident-followups/incidents/42')
      .set('Authorization', mockCredentials.user.header());
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toContain('id: must be a UUID');
  });
});
