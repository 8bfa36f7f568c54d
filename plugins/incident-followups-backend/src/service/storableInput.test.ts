import { startApiTestBackend } from '../__testUtils__/startApiTestBackend';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const incident = {
  title: 'Checkout failing',
  severity: 'SEV-2',
  startedAt: '2026-11-02T09:14:00Z',
  entityRefs: ['component:default/checkout-api'],
};

describe.each(databases.eachSupportedId())(
  'input the databases cannot store, on %p',
  databaseId => {
    it('is refused with 400 naming the field, not failed with 500', async () => {
      const api = await startApiTestBackend({
        knex: await databases.init(databaseId),
      });
      const { body: created } = await api.post('/incidents', incident);
      for (const [method, path, body, message] of [
        [
          'post',
          '/incidents',
          { ...incident, title: 'nul \u0000 byte' },
          'request/body/title must not contain NUL characters',
        ],
        [
          'patch',
          `/incidents/${created.id}`,
          {
            version: 1,
            responders: [{ role: 'scribe', userRef: 'user:default/\u0000' }],
          },
          'request/body/responders/0/userRef must not contain NUL characters',
        ],
        [
          'patch',
          `/incidents/${created.id}`,
          { version: 1e308 },
          'request/body/version must be <= 2147483647',
        ],
        [
          'patch',
          `/incidents/${created.id}`,
          { version: 1, acknowledgedAt: '9999-12-31T23:59:59+14:00' },
          'acknowledgedAt: must be between 1970-01-02 and 2036-12-31',
        ],
        [
          'post',
          '/incidents',
          { ...incident, startedAt: '0001-01-01T00:00:00Z' },
          'startedAt: must be between 1970-01-02 and 2036-12-31',
        ],
      ] as const) {
        const res = await api[method](path, body);
        expect([path, res.status, res.body.error?.message]).toEqual([
          path,
          400,
          expect.stringContaining(message),
        ]);
      }
      const query = await api.get('/incidents?cursor=%00');
      expect(query.body.error.message).toBe(
        'request/query/cursor must not contain NUL characters',
      );
      expect((await api.get('/incidents')).body.totalCount).toBe(1);
    });
  },
);
