import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { BENCH_DIR, REPO_ROOT } from './paths';
import { POSTGRES, Target } from './targets';

const BACKEND_DIR = path.join(REPO_ROOT, 'packages/backend');

/** A query that the backend sent while serving a request. */
export interface CapturedQuery {
  client: string;
  database: string;
  sql: string;
  bindings: unknown[];
  /** Set when the plugin sent it as a named prepared statement. */
  name?: string;
}

export interface RunningBackend {
  baseUrl: string;
  /** A token of the signed-in bench user (the guest provider). */
  token: string;
  /** The backend's process, whose CPU time the bench reads. */
  pid: number;
  /** Records the SQL and the inner HTTP requests that `run` causes. */
  capture(
    run: () => Promise<void>,
  ): Promise<{ queries: CapturedQuery[]; requests: string[] }>;
  stop(): Promise<void>;
}

/** The bench backend's configuration, layered over the repo's app-config.yaml. */
export function benchConfig(options: {
  port: number;
  /** Prefix of the other plugins' databases (the catalog's among them). */
  databasePrefix: string;
  target: Target;
  catalogFile: string;
  userRef: string;
}) {
  const { port, target } = options;
  const daily = {
    frequency: { hours: 24 },
    timeout: { minutes: 10 },
    initialDelay: { hours: 12 },
  };
  return {
    backend: {
      baseUrl: `http://127.0.0.1:${port}`,
      listen: { port, host: '127.0.0.1' },
      // The catalog and the other plugins: one database each on the local server.
      database: {
        client: 'pg',
        connection: POSTGRES,
        prefix: options.databasePrefix,
        plugin: {
          'incident-followups':
            target.kind === 'postgres'
              ? { connection: { database: target.database } }
              : {
                  client: 'better-sqlite3',
                  connection: { directory: target.directory },
                },
        },
      },
    },
    auth: {
      providers: {
        guest: {
          userEntityRef: options.userRef,
          dangerouslyAllowOutsideDevelopment: true,
        },
      },
    },
    catalog: {
      // The catalog file is read once; nothing changes during a run.
      processingInterval: { hours: 24 },
      locations: [
        {
          type: 'file',
          target: options.catalogFile,
          rules: [{ allow: ['Group', 'User', 'Component'] }],
        },
      ],
    },
    // No indexing, reminders or ownership refreshes while the bench measures.
    search: {
      collators: {
        catalog: { schedule: daily },
        incidentFollowups: { schedule: daily },
      },
    },
    incidentFollowups: {
      demoData: { enabled: false },
      ownership: { schedule: daily },
      reminders: { schedule: daily },
    },
  };
}

async function waitFor<T>(
  what: string,
  seconds: number,
  check: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const result = await check();
      if (result !== undefined) return result;
    } catch (error) {
      lastError = error;
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(`${what} did not happen within ${seconds}s: ${lastError}`);
}

/**
 * Starts packages/backend as it runs in production (NODE_ENV=production, the
 * TypeScript sources through the Backstage CLI's transform), with the query
 * capture preloaded, and signs in the bench user.
 */
export async function startBackend(options: {
  workDir: string;
  port: number;
  databasePrefix: string;
  target: Target;
  catalogFile: string;
  userRef: string;
  log: (message: string) => void;
}): Promise<RunningBackend> {
  const configFile = path.join(options.workDir, 'app-config.bench.yaml');
  fs.writeFileSync(configFile, stringify(benchConfig(options)));
  const logFile = path.join(options.workDir, `backend-${options.port}.log`);
  const out = fs.openSync(logFile, 'w');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_CPU_PROF_DIR
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`]
        : []),
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      '--require',
      path.join(BENCH_DIR, 'preload/captureQueries.cjs'),
      'src/index.ts',
      '--config',
      path.join(REPO_ROOT, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: BACKEND_DIR,
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
      stdio: ['ignore', out, out, 'ipc'],
    },
  );
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (exited) return;
    const gone = new Promise(resolve => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  };
  try {
    const token = await waitFor('the backend sign-in', 180, async () => {
      if (exited) throw new Error(`the backend exited; see ${logFile}`);
      const response = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      });
      if (!response.ok) return undefined;
      const body = await response.json();
      return body.backstageIdentity.token as string;
    });
    options.log(`  backend up on ${baseUrl} (log ${logFile})`);
    return {
      baseUrl,
      token,
      pid: child.pid!,
      stop,
      async capture(run) {
        const reply = (type: string) =>
          new Promise<any>(resolve => {
            const listener = (message: any) => {
              if (message?.type === type) {
                child.off('message', listener);
                resolve(message);
              }
            };
            child.on('message', listener);
          });
        const started = reply('capture-started');
        child.send('capture-start');
        await started;
        await run();
        const captured = reply('captured');
        child.send('capture-stop');
        const { queries, requests } = await captured;
        return { queries, requests };
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Waits until the catalog has stitched every entity of the organisation. */
export async function waitForCatalog(
  backend: RunningBackend,
  expected: Record<string, number>,
  log: (message: string) => void,
): Promise<number> {
  const started = Date.now();
  let last = '';
  await waitFor('the catalog ingestion', 1800, async () => {
    const response = await fetch(
      `${backend.baseUrl}/api/catalog/entity-facets?facet=kind`,
      { headers: { authorization: `Bearer ${backend.token}` } },
    );
    if (!response.ok) throw new Error(`facets: ${response.status}`);
    const body = await response.json();
    const counts: Record<string, number> = {};
    for (const { value, count } of body.facets.kind) {
      counts[value.toLocaleLowerCase('en-US')] = count;
    }
    const progress = Object.keys(expected)
      .map(kind => `${kind} ${counts[kind] ?? 0}/${expected[kind]}`)
      .join(', ');
    if (progress !== last) {
      log(`  catalog: ${progress}`);
      last = progress;
    }
    return Object.entries(expected).every(
      ([kind, count]) => (counts[kind] ?? 0) >= count,
    )
      ? true
      : undefined;
  });
  return (Date.now() - started) / 1000;
}
