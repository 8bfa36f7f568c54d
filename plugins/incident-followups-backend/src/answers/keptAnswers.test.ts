import { JsonObject } from '@backstage/types';
import { startApiTestBackend } from '../__testUtils__/startApiTestBackend';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseTeamOverviewStore } from '../database/DatabaseTeamOverviewStore';
import { DatabaseProcessReviewStore } from '../processReviews/DatabaseProcessReviewStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const OVERVIEW = `/teams/${encodeURIComponent(
  'group:default/payments',
)}/overview?since=2026-10-01T00:00:00Z&followupLimit=0&postmortemLimit=0`;

describe.each(databases.eachSupportedId())('kept answers on %p', databaseId => {
  let counted: jest.SpyInstance;
  let listed: jest.SpyInstance;
  beforeEach(() => {
    counted = jest.spyOn(
      DatabaseTeamOverviewStore.prototype,
      'periodIncidents',
    );
    listed = jest.spyOn(DatabaseProcessReviewStore.prototype, 'list');
  });
  afterEach(() => jest.restoreAllMocks());

  async function start(config: JsonObject = {}) {
    const api = await startApiTestBackend({
      knex: await databases.init(databaseId),
      config,
    });
    const report = async (severity: string, startedAt: string) => {
      const res = await api.post('/incidents', {
        title: `Checkout failing at ${startedAt}`,
        severity,
        startedAt,
        entityRefs: ['component:default/checkout-api'],
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const overview = async (headers: Record<string, string> = {}) => {
      const res = await api.get(OVERVIEW).set(headers);
      expect(res.status).toBe(200);
      return res.body.incidents.bySeverity as Record<string, number>;
    };
    return { ...api, report, overview };
  }

  it('gives the kept answer until the data changes, through the API or not', async () => {
    const api = await start();
    const first = await api.report('SEV-2', '2026-11-02T09:14:00Z');
    expect(await api.overview()).toMatchObject({ 'SEV-1': 0, 'SEV-2': 1 });
    expect(counted).toHaveBeenCalledTimes(1);

    expect(await api.overview()).toMatchObject({ 'SEV-2': 1 });
    expect(counted).toHaveBeenCalledTimes(1);

    // Counted anew on request.
    expect(await api.overview({ 'Cache-Control': 'no-cache' })).toMatchObject({
      'SEV-2': 1,
    });
    expect(counted).toHaveBeenCalledTimes(2);

    // A write through the API.
    await api.report('SEV-1', '2026-11-03T10:00:00Z');
    expect(await api.overview()).toMatchObject({ 'SEV-1': 1, 'SEV-2': 1 });
    expect(counted).toHaveBeenCalledTimes(3);

    // A write by anything else, such as an import or another replica.
    await api.knex('incidents').where({ id: first }).update({
      severity: 'SEV-1',
    });
    expect(await api.overview()).toMatchObject({ 'SEV-1': 2, 'SEV-2': 0 });
    expect(counted).toHaveBeenCalledTimes(4);

    // Another question is another answer.
    const sev1Only = await api.get(`${OVERVIEW}&severity=SEV-1`);
    expect(sev1Only.body.incidents.total).toBe(2);
    expect(counted).toHaveBeenCalledTimes(5);
    await api.stop();
  });

  it('keeps the process reviews until one is scheduled', async () => {
    const api = await start();
    expect((await api.get('/process-reviews')).body.items).toEqual([]);
    expect((await api.get('/process-reviews')).body.items).toEqual([]);
    expect(listed).toHaveBeenCalledTimes(1);
    const created = await api.post('/process-reviews', {
      scheduledFor: '2026-11-15T00:00:00Z',
      periodSince: '2026-11-01T00:00:00Z',
    });
    expect(created.status).toBe(201);
    const { items } = (await api.get('/process-reviews')).body;
    expect(items.map((r: { id: string }) => r.id)).toEqual([created.body.id]);
    expect(listed).toHaveBeenCalledTimes(2);
    await api.stop();
  });

  it('keeps nothing with a time to live of 0', async () => {
    const api = await start({
      incidentFollowups: { answerCache: { ttl: '0s' } },
    });
    await api.report('SEV-2', '2026-11-02T09:14:00Z');
    await api.overview();
    await api.overview();
    expect(counted).toHaveBeenCalledTimes(2);
    await api.stop();
  });
});
