import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const BACKEND_DIR = path.resolve(__dirname, '../..');
const REPO_ROOT = path.resolve(BACKEND_DIR, '../..');

export interface ApiAnswer {
  status: number;
  body: any;
}

/** packages/backend running in a process of its own, signed in as the guest. */
export interface BackendProcess {
  name: string;
  baseUrl: string;
  logFile: string;
  /** Calls the incident-followups API as the guest. */
  call(method: string, path: string, body?: unknown): Promise<ApiAnswer>;
  /** The lines of the log that contain the text. */
  logLines(text: string): string[];
  /** Ends the process with SIGKILL, as a crash or an OOM kill does. */
  kill(): Promise<void>;
  /** Ends the process with SIGTERM, as a deploy does. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
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
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error(`${what} did not happen within ${seconds}s: ${lastError}`);
}

/**
 * Starts packages/backend as it runs in production (NODE_ENV=production, the
 * TypeScript sources through the Backstage CLI's transform) with the repo's
 * app-config.yaml and, over it, the given configuration (JSON is YAML), on a
 * free port; the guest provider signs in user:default/guest.
 */
export async function startBackendProcess(options: {
  name: string;
  workDir: string;
  config: object;
  /** Entities to wait for in the catalog, such as those the test refers to. */
  waitForEntities?: string[];
}): Promise<BackendProcess> {
  const { name, workDir } = options;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const configFile = path.join(workDir, `app-config.${name}.yaml`);
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      ...options.config,
      backend: {
        ...(options.config as any).backend,
        baseUrl,
        listen: { port, host: '127.0.0.1' },
      },
      auth: {
        providers: {
          guest: {
            userEntityRef: 'user:default/guest',
            dangerouslyAllowOutsideDevelopment: true,
          },
        },
      },
    }),
  );
  const logFile = path.join(workDir, `backend-${name}.log`);
  const out = fs.openSync(logFile, 'a');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      path.join(REPO_ROOT, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: BACKEND_DIR,
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info' },
      stdio: ['ignore', out, out],
    },
  );
  fs.closeSync(out);
  let exited = false;
  const gone = new Promise<void>(resolve =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const end = async (signal: NodeJS.Signals) => {
    if (exited) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await gone;
    clearTimeout(timer);
  };

  try {
    const token = await waitFor(`backend ${name} signing in`, 240, async () => {
      if (exited) throw new Error(`backend ${name} exited; see ${logFile}`);
      const response = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      });
      if (!response.ok) return undefined;
      const body = await response.json();
      return body.backstageIdentity.token as string;
    });
    for (const ref of options.waitForEntities ?? []) {
      const [kind, namespace, entityName] = ref.split(/[:/]/);
      await waitFor(`${ref} in the catalog of ${name}`, 240, async () => {
        const response = await fetch(
          `${baseUrl}/api/catalog/entities/by-name/${kind}/${namespace}/${entityName}`,
          { headers: { authorization: `Bearer ${token}` } },
        );
        return response.ok ? true : undefined;
      });
    }
    return {
      name,
      baseUrl,
      logFile,
      async call(method, apiPath, body) {
        const response = await fetch(
          `${baseUrl}/api/incident-followups${apiPath}`,
          {
            method,
            headers: {
              authorization: `Bearer ${token}`,
              ...(body === undefined
                ? {}
                : { 'content-type': 'application/json' }),
            },
            body: body === undefined ? undefined : JSON.stringify(body),
          },
        );
        const text = await response.text();
        return {
          status: response.status,
          body: text ? JSON.parse(text) : null,
        };
      },
      logLines(text) {
        return fs
          .readFileSync(logFile, 'utf8')
          .split('\n')
          .filter(line => line.includes(text));
      },
      kill: () => end('SIGKILL'),
      stop: () => end('SIGTERM'),
    };
  } catch (error) {
    await end('SIGKILL');
    throw error;
  }
}
