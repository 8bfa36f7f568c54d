import { mockCredentials } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import request from 'supertest';
import { snapshotDatabase } from '../__testUtils__/databaseSnapshot';
import {
  FuzzRequest,
  FuzzTargets,
  fuzzRequests,
} from '../__testUtils__/fuzzRequests';
import {
  ApiTestBackend,
  startApiTestBackend,
} from '../__testUtils__/startApiTestBackend';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { readOpenApiSpec } from './openApiSpec';

/** At least 5,000 per database; FUZZ_RUNS and FUZZ_SEED vary a run. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 5_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
/** PostgreSQL and MySQL are slower per request (about 20 ms): half the runs keep each near a minute. */
const RUNS_BY_DATABASE: Record<string, number> = {
  SQLITE_3: RUNS,
  POSTGRES_15: Math.ceil(RUNS / 2),
  MYSQL_8: Math.ceil(RUNS / 2),
};

jest.setTimeout(15 * 60_000);

const databases = createTestDatabases();
const WRITES = new Set(['post', 'put', 'patch', 'delete']);

async function storeTargets(api: ApiTestBackend): Promise<FuzzTargets> {
  const incident = async (title: string) => {
    const res = await api.post('/incidents', {
      title,
      severity: 'SEV-1',
      startedAt: '2026-11-02T09:14:00Z',
      entityRefs: ['component:default/checkout-api'],
      responders: [
        { role: 'incident-commander', userRef: 'user:default/dave' },
      ],
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const incidentId = await incident('Checkout failing');
  const relatedIncidentId = await incident('Payments slow');
  expect(
    (
      await api.patch(`/incidents/${incidentId}`, {
        version: 1,
        status: 'resolved',
        resolvedAt: '2026-11-02T11:00:00Z',
        finalSeverity: 'SEV-1',
      })
    ).status,
  ).toBe(200);
  const followup = await api.post(`/incidents/${incidentId}/followups`, {
    title: 'Add an alert',
    kind: 'prevention',
    priority: 'P1',
  });
  const postmortem = await api.post(`/incidents/${incidentId}/postmortem`, {
    ownerRef: 'user:default/dave',
  });
  await api.patch(`/postmortems/${postmortem.body.id}`, {
    version: postmortem.body.version,
    meetingScheduledFor: '2026-11-04T14:00:00Z',
  });
  await api.post(`/postmortems/${postmortem.body.id}/chat-imports`, {
    transcript:
      '[09:14] dave: checkout is failing\n[09:20] dave: TODO: add an alert',
  });
  const proposals = await api.get(
    `/postmortems/${postmortem.body.id}/chat-proposals`,
  );
  const review = await api.post('/process-reviews', {
    scheduledFor: '2026-11-20T15:00:00Z',
    periodSince: '2026-11-01T00:00:00Z',
  });
  const joined = await api.post(
    `/process-reviews/${review.body.id}/join-requests`,
    { reason: 'I was there' },
    'user:default/alice',
  );
  expect([followup.status, postmortem.status, review.status]).toEqual([
    201, 201, 201,
  ]);
  return {
    incidentId,
    relatedIncidentId,
    followupId: followup.body.id,
    postmortemId: postmortem.body.id,
    processReviewId: review.body.id,
    joinRequestId: joined.body.joinRequests?.[0]?.id ?? incidentId,
    proposalKey: proposals.body.items?.[0]?.key ?? '0123456789abcdef',
    groupRef: 'group:default/payments',
  };
}

/**
 * The document's examples are valid once: a later create with the same source is
 * a no-op, and an edit needs the current version. Requests built from them are
 * brought up to date so that their one mutated field reaches the services.
 */
async function freshen(
  api: ApiTestBackend,
  fuzz: FuzzRequest,
  targets: FuzzTargets,
  sequence: number,
): Promise<FuzzRequest> {
  let body: any;
  try {
    body = fuzz.body === undefined ? undefined : JSON.parse(fuzz.body);
  } catch {
    return fuzz;
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return fuzz;
  if (typeof body.source?.externalId === 'string') {
    body.source.externalId = `${body.source.externalId}-${sequence}`;
  }
  if (body.version === 1 || body.version === 2) {
    const path = fuzz.url.split('?')[0];
    if (path === `/incidents/${targets.incidentId}`) {
      body.version = (await api.get(path)).body.version;
    } else if (path.startsWith(`/postmortems/${targets.postmortemId}`)) {
      body.version = (
        await api.get(`/postmortems/${targets.postmortemId}`)
      ).body.version;
    } else if (path === `/followups/${targets.followupId}`) {
      const { body: list } = await api.get(
        `/incidents/${targets.incidentId}/followups`,
      );
      body.version = list.items.find(
        (f: { id: string }) => f.id === targets.followupId,
      )?.version;
    }
  }
  return { ...fuzz, body: JSON.stringify(body) };
}

function send(api: ApiTestBackend, fuzz: FuzzRequest) {
  const req = request(api.server)
    [fuzz.method](`/api/incident-followups${fuzz.url}`)
    .set('Authorization', mockCredentials.user.header('user:default/dave'));
  if (fuzz.body === undefined) return req;
  return req.set('Content-Type', fuzz.contentType!).send(fuzz.body);
}

function changedTables(
  before: Record<string, string>,
  after: Record<string, string>,
) {
  return Object.keys(after).filter(table => after[table] !== before[table]);
}

function describeFailure(fuzz: FuzzRequest, status: number, detail: unknown) {
  return {
    request: `${fuzz.method.toUpperCase()} ${fuzz.url.slice(0, 300)}`,
    contentType: fuzz.contentType,
    body: fuzz.body?.slice(0, 300),
    status,
    detail,
  };
}

describe.each(
  databases
    .eachSupportedId()
    .filter(([id]) => RUNS_BY_DATABASE[id] !== undefined),
)('malformed requests on %p', databaseId => {
  it('never answer 5xx, leave the backend up, and change nothing when refused', async () => {
    const api = await startApiTestBackend({
      knex: await databases.init(databaseId),
    });
    const targets = await storeTargets(api);
    const runs = RUNS_BY_DATABASE[databaseId];
    const requests = fc.sample(fuzzRequests(readOpenApiSpec(), targets), {
      numRuns: runs,
      seed: SEED,
    });

    const failures: ReturnType<typeof describeFailure>[] = [];
    const statuses: Record<string, number> = {};
    let serverErrors = 0;
    let refusedWritesChecked = 0;
    let before = await snapshotDatabase(api.knex);
    for (const [sequence, generated] of requests.entries()) {
      const fuzz = WRITES.has(generated.method)
        ? await freshen(api, generated, targets, sequence)
        : generated;
      const res = await send(api, fuzz);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status >= 500) {
        serverErrors += 1;
        failures.push(describeFailure(fuzz, res.status, res.body?.error));
      }
      if (WRITES.has(fuzz.method)) {
        const after = await snapshotDatabase(api.knex);
        if (res.status >= 400 && res.status < 500) {
          refusedWritesChecked += 1;
          const changed = changedTables(before, after);
          if (changed.length > 0) {
            failures.push(
              describeFailure(fuzz, res.status, { tablesChanged: changed }),
            );
          }
        }
        before = after;
      }
    }

    // The figures the issue reports.
    // eslint-disable-next-line no-console
    console.log(
      `OpenAPI fuzz on ${databaseId} (seed ${SEED}): ${requests.length} requests, ` +
        `${serverErrors} answered 5xx, ${refusedWritesChecked} refused writes ` +
        `checked for database changes; statuses ${JSON.stringify(statuses)}`,
    );

    expect(requests.length).toBe(runs);
    expect(failures.slice(0, 20)).toEqual([]);
    expect((await api.get('/health')).status).toBe(200);
    expect((await api.get(`/incidents/${targets.incidentId}`)).status).toBe(
      200,
    );
    // Most requests are refused; some reach the services behind the validation.
    expect(statuses[400]).toBeGreaterThan(runs / 2);
  });
});
