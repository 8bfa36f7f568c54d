import { startApiTestBackend } from '../__testUtils__/startApiTestBackend';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const incident = (description: string) => ({
  title: 'Checkout failing',
  severity: 'SEV-2',
  startedAt: '2026-11-02T09:14:00Z',
  entityRefs: ['component:default/checkout-api'],
  description,
});

describe('request body limits', () => {
  async function startBackend(requestBodyLimit?: string) {
    return startApiTestBackend({
      knex: await databases.init('SQLITE_3'),
      config: requestBodyLimit
        ? { incidentFollowups: { requestBodyLimit } }
        : {},
    });
  }

  it('refuses a body over incidentFollowups.requestBodyLimit with 413', async () => {
    const api = await startBackend('2kb');
    const small = await api.post('/incidents', incident('x'.repeat(1_000)));
    expect(small.status).toBe(201);
    const large = await api.post('/incidents', incident('x'.repeat(3_000)));
    expect(large.status).toBe(413);
    expect(large.body.error.message).toMatch(
      /request body: \d+ bytes is over the limit of 2048 bytes/,
    );
    expect((await api.get('/incidents')).body.totalCount).toBe(1);
  });

  it('reads 256kb by default', async () => {
    const api = await startBackend();
    const fits = await api.post('/incidents', incident('x'.repeat(19_000)));
    expect(fits.status).toBe(201);
    const large = await api.patch(`/incidents/${fits.body.id}`, {
      version: 1,
      description: 'x'.repeat(300_000),
    });
    expect(large.status).toBe(413);
  });

  it('refuses a deeply nested body with 400, not a crash', async () => {
    const api = await startBackend();
    const depth = 100_000;
    const res = await api
      .post('/incidents')
      .set('Content-Type', 'application/json')
      .send(`{"title":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    expect(res.status).toBe(400);
    expect((await api.get('/health')).status).toBe(200);
  });

  it('keeps the 1 MiB limit of chat transcripts, whatever the body limit', async () => {
    const api = await startBackend('2kb');
    const { body: created } = await api.post('/incidents', incident(''));
    await api.patch(`/incidents/${created.id}`, {
      version: 1,
      status: 'resolved',
      finalSeverity: 'SEV-2',
    });
    const postmortem = await api.post(`/incidents/${created.id}/postmortem`, {
      ownerRef: 'user:default/dave',
    });
    expect(postmortem.status).toBe(201);
    const line = '[09:14] dave: checkout is failing\n';
    const transcript = line.repeat(Math.floor(500_000 / line.length));
    const imported = await api
      .post(`/postmortems/${postmortem.body.id}/chat-imports`)
      .set('Content-Type', 'text/plain')
      .send(transcript);
    expect(imported.status).toBeLessThan(300);
    const tooLarge = await api.post(
      `/postmortems/${postmortem.body.id}/chat-imports`,
      { transcript: line.repeat(Math.ceil((1024 * 1024) / line.length) + 1) },
    );
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.message).toContain('split the export');
  });
});
