import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import {
  BackendProcess,
  startBackendProcess,
} from './__testUtils__/backendProcess';
import {
  killDuringBurst,
  missingWrites,
} from './__testUtils__/killDuringBurst';

jest.setTimeout(600_000);

const connection =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const required = (process.env.INCIDENT_FOLLOWUPS_REQUIRED_TEST_DATABASES ?? '')
  .split(',')
  .map(id => id.trim());
if (!connection && required.includes('POSTGRES_15')) {
  throw new Error(
    'POSTGRES_15 is required but BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set',
  );
}
// Skipped only where PostgreSQL is neither configured nor required.
const describeOnPostgres = connection ? describe : describe.skip;

const REFRESH_SECONDS = 2;
const OBSERVED_SECONDS = 14;
const TAKEOVER_SECONDS = 90;
const ACKNOWLEDGED_BEFORE_KILL = 200;
const RACERS = 10;
const REFRESHED = 'Owning teams refreshed from the catalog';

const incident = {
  title: 'Checkout failing',
  severity: 'SEV-1',
  startedAt: '2026-11-02T09:14:00Z',
  entityRefs: ['component:default/checkout-api'],
  responders: [{ role: 'incident-commander', userRef: 'user:default/guest' }],
};

describeOnPostgres('two backend processes on one PostgreSQL', () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'replicas-'));
  const prefix = `replicas_${process.pid}_${Date.now()}_`;
  const replicas: BackendProcess[] = [];

  async function start(name: string) {
    const replica = await startBackendProcess({
      name,
      workDir,
      waitForEntities: ['component:default/checkout-api', 'user:default/guest'],
      config: {
        backend: {
          database: { client: 'pg', connection, prefix },
        },
        incidentFollowups: {
          demoData: { enabled: false },
          ownership: {
            schedule: {
              frequency: { seconds: REFRESH_SECONDS },
              timeout: { seconds: 4 },
            },
          },
        },
      },
    });
    replicas.push(replica);
    return replica;
  }

  afterAll(async () => {
    await Promise.all(replicas.map(replica => replica.stop()));
    const admin = new Client({ connectionString: connection });
    await admin.connect();
    const { rows } = await admin.query(
      'select datname from pg_database where datname like $1',
      [`${prefix}%`],
    );
    for (const { datname } of rows) {
      await admin.query(`drop database if exists "${datname}"`);
    }
    await admin.end();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it(`run a global task once per cycle, give one checklist to ${RACERS} resolves racing through both, read each other's writes, and survive one's crash`, async () => {
    // One after the other, as a rolling deploy starts them.
    const a = await start('a');
    const b = await start('b');

    // Writes through both, reads through either.
    const fromA = await a.call('POST', '/incidents', incident);
    const fromB = await b.call('POST', '/incidents', {
      ...incident,
      title: 'Search slow',
    });
    expect([fromA.status, fromB.status]).toEqual([201, 201]);
    for (const replica of [a, b]) {
      for (const written of [fromA.body, fromB.body]) {
        const read = await replica.call('GET', `/incidents/${written.id}`);
        expect(read.body).toMatchObject({
          id: written.id,
          title: written.title,
          version: written.version,
        });
      }
    }

    // Resolves of one incident race through both replicas.
    const resolves = await Promise.all(
      Array.from({ length: RACERS }, (_, racer) =>
        (racer % 2 ? b : a).call('PATCH', `/incidents/${fromA.body.id}`, {
          version: fromA.body.version,
          status: 'resolved',
          finalSeverity: 'SEV-1',
        }),
      ),
    );
    const statuses = resolves.map(r => r.status);
    expect(statuses.filter(s => s === 200)).toHaveLength(1);
    expect(statuses.filter(s => s === 409)).toHaveLength(RACERS - 1);
    const [listA, listB] = await Promise.all(
      [a, b].map(replica =>
        replica.call('GET', `/incidents/${fromA.body.id}/followups`),
      ),
    );
    expect(listB.body).toEqual(listA.body);
    const roleSteps = listA.body.items
      .filter((f: any) => f.role)
      .map((f: any) => `${f.role}: ${f.title}`);
    expect(roleSteps.length).toBeGreaterThan(0);
    expect(new Set(roleSteps).size).toBe(roleSteps.length);

    // A followup changed through B reads changed through A.
    const step = listA.body.items.find((f: any) => f.status === 'open');
    const changed = await b.call('PATCH', `/followups/${step.id}`, {
      version: step.version,
      status: 'in-progress',
    });
    expect(changed.status).toBe(200);
    const seenByA = await a.call(
      'GET',
      `/incidents/${fromA.body.id}/followups`,
    );
    expect(seenByA.body.items.find((f: any) => f.id === step.id)).toMatchObject(
      { status: 'in-progress', version: step.version + 1 },
    );

    // The ownership refresh is a global task that both replicas schedule.
    const before = [a, b].map(replica => replica.logLines(REFRESHED).length);
    await new Promise(resolve => setTimeout(resolve, OBSERVED_SECONDS * 1000));
    const runs = [a, b].map(
      (replica, i) => replica.logLines(REFRESHED).length - before[i],
    );
    const total = runs[0] + runs[1];
    const cycles = Math.floor(OBSERVED_SECONDS / REFRESH_SECONDS);
    // eslint-disable-next-line no-console
    console.log(
      `2 backend processes, ${RACERS} racing resolves (${
        statuses.filter(s => s === 409).length
      } got 409), ${
        roleSteps.length
      } role steps once each; over ${OBSERVED_SECONDS}s of ${REFRESH_SECONDS}s cycles (${cycles}) the ownership refresh ran ${total} times (a ${
        runs[0]
      }, b ${runs[1]})`,
    );
    // Each claim moves the task's next start a cycle on (or to now when it is
    // late), so one run per cycle is at most the cycles observed plus one
    // catching up; a run per replica would be about twice the cycles.
    expect(total).toBeGreaterThanOrEqual(2);
    expect(total).toBeLessThanOrEqual(cycles + 2);

    // A crashes (SIGKILL) in a burst of writes through it: B has every write
    // A acknowledged, and B, which schedules the task too, takes it over.
    const burst = await killDuringBurst({
      backend: a,
      writers: 8,
      acknowledged: ACKNOWLEDGED_BEFORE_KILL,
      incident: title => ({ ...incident, title }),
    });
    const missing = await missingWrites(b, burst.acknowledged);
    // A run that A held when it died keeps its lease until the task's timeout
    // has passed and a scheduler janitor (once a minute) has freed it.
    const beforeB = b.logLines(REFRESHED).length;
    const crashedAt = Date.now();
    while (
      b.logLines(REFRESHED).length === beforeB &&
      Date.now() - crashedAt < TAKEOVER_SECONDS * 1000
    ) {
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    const tookOver = b.logLines(REFRESHED).length > beforeB;
    // eslint-disable-next-line no-console
    console.log(
      `a killed during a burst: ${burst.sent} writes sent, ${
        burst.acknowledged.length
      } acknowledged by a, ${missing.length} missing through b; b ${
        tookOver
          ? `ran the ownership refresh ${Math.round(
              (Date.now() - crashedAt) / 1000,
            )}s after`
          : 'did not run the ownership refresh'
      }`,
    );
    expect(missing).toEqual([]);
    expect(tookOver).toBe(true);
  });
});
