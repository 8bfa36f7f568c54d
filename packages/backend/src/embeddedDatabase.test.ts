import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import {
  BackendProcess,
  startBackendProcess,
} from './__testUtils__/backendProcess';
import {
  killDuringBurst,
  missingWrites,
} from './__testUtils__/killDuringBurst';

jest.setTimeout(600_000);

const WRITERS = 8;
const ACKNOWLEDGED_BEFORE_KILL = 500;

function incident(title: string) {
  return {
    title,
    severity: 'SEV-2',
    startedAt: '2026-11-02T09:14:00Z',
    entityRefs: ['component:default/checkout-api'],
    responders: [{ role: 'incident-commander', userRef: 'user:default/guest' }],
  };
}

/**
 * The portal as app-config.yaml configures it (SQLite files in a directory),
 * with that directory in a temporary place: the backend restarted gracefully
 * and after SIGKILL in the middle of a burst of writes.
 */
describe('the embedded SQLite database of app-config.yaml', () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-db-'));
  const running: BackendProcess[] = [];
  let started = 0;

  const configured = parse(
    fs.readFileSync(
      path.resolve(__dirname, '../../../app-config.yaml'),
      'utf8',
    ),
  ).backend.database;

  async function start() {
    started += 1;
    const backend = await startBackendProcess({
      name: `embedded-${started}`,
      workDir,
      waitForEntities: ['component:default/checkout-api', 'user:default/guest'],
      config: {
        backend: {
          database: {
            connection: { directory: path.join(workDir, 'sqlite') },
          },
        },
      },
    });
    running.push(backend);
    return backend;
  }

  afterAll(async () => {
    await Promise.all(running.map(backend => backend.kill()));
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('is SQLite on disk, not in memory', () => {
    expect(configured.client).toBe('better-sqlite3');
    expect(configured.connection).toEqual({ directory: expect.any(String) });
    expect(configured.connection.directory).not.toContain(':memory:');
  });

  it('keeps what was written across a restart and every write it acknowledged before SIGKILL', async () => {
    const first = await start();
    const created = await first.call(
      'POST',
      '/incidents',
      incident('Before the restart'),
    );
    expect(created).toMatchObject({ status: 201 });
    await first.stop();

    const second = await start();
    expect(
      (await second.call('GET', `/incidents/${created.body.id}`)).body,
    ).toMatchObject({ id: created.body.id, title: 'Before the restart' });

    // A burst of writes from several clients; SIGKILL once enough are answered.
    const burst = await killDuringBurst({
      backend: second,
      writers: WRITERS,
      acknowledged: ACKNOWLEDGED_BEFORE_KILL,
      incident,
    });

    const third = await start();
    const missing = await missingWrites(third, [
      ...burst.acknowledged,
      { id: created.body.id, title: 'Before the restart' },
    ]);
    // eslint-disable-next-line no-console
    console.log(
      `SIGKILL during a burst: ${burst.sent} writes sent, ${burst.acknowledged.length} acknowledged before the kill, ${missing.length} of them missing after the restart`,
    );
    expect(burst.acknowledged.length).toBeGreaterThanOrEqual(
      ACKNOWLEDGED_BEFORE_KILL,
    );
    expect(missing).toEqual([]);
  });
});
