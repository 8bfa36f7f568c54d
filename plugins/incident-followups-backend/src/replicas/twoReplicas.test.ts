import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { startApiTestBackend } from '../__testUtils__/startApiTestBackend';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(180_000);

const databases = createTestDatabases();
const postgres = databases
  .eachSupportedId()
  .filter(([id]) => id === 'POSTGRES_15');

const REFRESH_SECONDS = 2;
const OBSERVED_SECONDS = 13;
const RACERS = 10;

/** A logger that notes when each replica refreshed the owning teams. */
function refreshRecorder(
  replica: string,
  runs: { replica: string; at: number }[],
) {
  const logger: LoggerService = {
    error() {},
    warn() {},
    debug() {},
    info(message) {
      if (message.startsWith('Owning teams refreshed')) {
        runs.push({ replica, at: Date.now() });
      }
    },
    child: () => logger,
  };
  return createServiceFactory({
    service: coreServices.logger,
    deps: {},
    factory: () => logger,
  });
}

const config = {
  incidentFollowups: {
    ownership: {
      schedule: {
        frequency: { seconds: REFRESH_SECONDS },
        timeout: { seconds: 30 },
      },
    },
    reminders: {
      schedule: {
        frequency: { hours: 24 },
        timeout: { minutes: 1 },
        initialDelay: { hours: 12 },
      },
    },
  },
};

const incidentRequest = {
  title: 'Checkout failing',
  severity: 'SEV-1',
  startedAt: '2026-11-02T09:14:00Z',
  entityRefs: ['component:default/checkout-api'],
  responders: [
    { role: 'incident-commander', userRef: 'user:default/dave' },
    { role: 'scribe', userRef: 'user:default/bob' },
  ],
};

// Skipped only where PostgreSQL is not configured; createTestDatabases fails
// instead when INCIDENT_FOLLOWUPS_REQUIRED_TEST_DATABASES requires it.
const describeOnPostgres = postgres.length > 0 ? describe : describe.skip;

describeOnPostgres(
  'two replicas (two test backends with the real scheduler) on one POSTGRES_15 database',
  () => {
    it(`run the ownership refresh once per cycle, give one checklist to ${RACERS} racing resolves, and read each other's writes`, async () => {
      const knex = await databases.init('POSTGRES_15');
      const runs: { replica: string; at: number }[] = [];
      const startReplica = (replica: string) =>
        startApiTestBackend({
          knex,
          config,
          schedulerFactory: schedulerServiceFactory,
          features: [refreshRecorder(replica, runs)],
        });
      // One after the other, as a rolling deploy starts them: the scheduler
      // of @backstage/backend-defaults creates its tables outside a lock.
      const a = await startReplica('a');
      const b = await startReplica('b');

      // Writes through both replicas.
      const { body: fromA } = await a.post('/incidents', incidentRequest);
      const { body: fromB } = await b.post('/incidents', {
        ...incidentRequest,
        title: 'Search slow',
      });

      // Reads through either see both.
      for (const replica of [a, b]) {
        const { body } = await replica.get('/incidents');
        expect(body.items.map((i: any) => i.id)).toEqual(
          expect.arrayContaining([fromA.id, fromB.id]),
        );
      }

      // Resolves of the same incident race through both replicas.
      const resolves = await Promise.all(
        Array.from({ length: RACERS }, (_, racer) =>
          (racer % 2 ? b : a).patch(`/incidents/${fromA.id}`, {
            version: fromA.version,
            status: 'resolved',
            finalSeverity: 'SEV-1',
          }),
        ),
      );
      const statuses = resolves.map(r => r.status);
      expect(statuses.filter(s => s === 200)).toHaveLength(1);
      expect(statuses.filter(s => s === 409)).toHaveLength(RACERS - 1);

      const lists = await Promise.all(
        [a, b].map(replica => replica.get(`/incidents/${fromA.id}/followups`)),
      );
      for (const { body } of lists) {
        const roleSteps = body.items.filter((f: any) => f.role);
        const keys = roleSteps.map((f: any) => `${f.role}/${f.title}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect(body.totalCount).toBe(10);
      }
      expect(lists[1].body).toEqual(lists[0].body);

      // A followup changed through B shows through A.
      const step = lists[0].body.items.find((f: any) => f.status === 'open');
      const changed = await b.patch(`/followups/${step.id}`, {
        version: step.version,
        status: 'in-progress',
      });
      expect(changed.status).toBe(200);
      const { body: seenByA } = await a.get(`/incidents/${fromA.id}/followups`);
      expect(seenByA.items.find((f: any) => f.id === step.id)).toMatchObject({
        status: 'in-progress',
        version: step.version + 1,
      });

      // The global refresh: both replicas schedule it, one runs each cycle.
      runs.length = 0;
      await new Promise(resolve =>
        setTimeout(resolve, OBSERVED_SECONDS * 1000),
      );
      // eslint-disable-next-line no-console
      console.log(
        `two replicas over ${OBSERVED_SECONDS}s of ${REFRESH_SECONDS}s cycles: ${
          runs.length
        } ownership refreshes, by replica ${runs.map(r => r.replica).join('')}`,
      );
      // Each claim moves the task's next start a cycle on (or to now when it
      // is late), so one run per cycle is at most one more than the cycles
      // observed plus one catching up; a run per replica would be twice that.
      const cycles = Math.floor(OBSERVED_SECONDS / REFRESH_SECONDS);
      expect(runs.length).toBeGreaterThanOrEqual(cycles - 2);
      expect(runs.length).toBeLessThanOrEqual(cycles + 2);
    });
  },
);
