import fs from 'node:fs';
import path from 'node:path';
import { Knex } from 'knex';
import { CapturedQuery, startBackend, waitForCatalog } from './benchBackend';
import { BrowserResult, browserSubjects, measurePages } from './browser';
import { pluginChunks } from './bundleSizes';
import { REPO_ROOT } from './paths';
import { requestLine } from './report';
import { fullScans, genericPlan } from './explain';
import { FloorStatement, loadHttp, loadSql } from './load';
import { cpuTime, CpuPerRequest } from './cpuTime';
import { Measured, slices } from './measured';
import { Organisation } from './organisation';
import { Latency } from './percentiles';
import { Scale } from './scale';
import { scenarios, Subjects } from './scenarios';
import { knexFor, MIGRATIONS, seedDatabase } from './seedDatabase';
import { describeTarget, POSTGRES, sqliteFile, Target } from './targets';
import knexFactory from 'knex';

export interface RequestResult {
  name: string;
  path: string;
  endpoint: Latency;
  floor: Latency;
  catalog: Latency;
  /** CPU per request of the backend and the database server, where /proc tells. */
  endpointCpu?: CpuPerRequest;
  catalogCpu?: CpuPerRequest;
  /** Queries per request: on the plugin's database, and on the others (the catalog's). */
  pluginQueries: number;
  otherQueries: number;
  /** HTTP calls the request made inside the backend (to the catalog, permissions). */
  innerRequests: number;
  /** Big tables read without an index. */
  fullScans: string[];
  responseBytes: number;
  /** The statements, as the floor replays them (`?` for each binding). */
  statements: string[];
  /** For an answer the backend keeps: the same request counted anew (`Cache-Control: no-cache`). */
  countedAnew?: { latency: Latency; cpu?: CpuPerRequest };
}

export interface DatasetResult {
  name: string;
  database: string;
  scale: Scale;
  seedSeconds: number | null;
  rows: Record<string, number> | null;
  catalogSeconds: number;
  connections: number;
  subjects: Subjects;
  requests: RequestResult[];
  browser?: BrowserResult & Awaited<ReturnType<typeof browserSubjects>>;
}

function seedFingerprint(scale: Scale, target: Target) {
  // How long and how the load runs does not change the data.
  const { warmups: _warmups, ...data } = scale;
  return JSON.stringify({
    scale: { ...data, seconds: 0 },
    target,
    migrations: fs.readdirSync(MIGRATIONS).sort(),
    sqliteExists:
      target.kind === 'sqlite' ? fs.existsSync(sqliteFile(target)) : true,
  });
}

/** The knex of every database a request touched, opened once each. */
class Databases {
  private readonly open = new Map<string, Knex>();

  constructor(private readonly plugin: Knex) {}

  of(client: string, database: string, pluginDatabase: string): Knex {
    if (database === pluginDatabase) return this.plugin;
    const key = `${client} ${database}`;
    if (!this.open.has(key)) {
      this.open.set(
        key,
        client === 'pg'
          ? knexFactory({
              client: 'pg',
              connection: { ...POSTGRES, database },
              pool: { min: 0, max: 20 },
            })
          : knexFactory({
              client: 'better-sqlite3',
              connection: { filename: database },
              useNullAsDefault: true,
            }),
      );
    }
    return this.open.get(key)!;
  }

  async close() {
    await Promise.all([...this.open.values()].map(k => k.destroy()));
  }
}

/** Logs the plan and the time of each statement on the plugin's database. */
async function explainStatements(
  name: string,
  queries: CapturedQuery[],
  plugin: Knex,
  pluginDatabase: string,
  log: (message: string) => void,
) {
  log(`\n--- ${name}: ${queries.length} statements`);
  for (const q of queries) {
    log(
      `\n[${path.basename(q.database)}] ${q.sql}\n  bindings: ${JSON.stringify(
        q.bindings,
      ).slice(0, 300)}`,
    );
    if (q.database !== pluginDatabase || !/^\s*(select|with)\b/i.test(q.sql))
      continue;
    const pg = plugin.client.config.client === 'pg';
    const result = await plugin.raw(
      `${pg ? 'explain (analyze, buffers off)' : 'explain query plan'} ${
        q.sql
      }`,
      q.bindings as Knex.RawBinding[],
    );
    const lines = pg
      ? result.rows.map((r: any) => r['QUERY PLAN'])
      : result.map((r: any) => r.detail);
    log(lines.map((l: string) => `    ${l}`).join('\n'));
    if (pg && q.name) {
      const generic = await genericPlan(plugin, q.sql, q.bindings, 'text');
      log(
        `  prepared as ${q.name}; its generic plan:\n${generic
          .map((r: any) => `    ${r['QUERY PLAN']}`)
          .join('\n')}`,
      );
    }
    if (!pg) {
      // SQLite's plan has no timings: the median of three runs stands in.
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        await plugin.raw(q.sql, q.bindings as Knex.RawBinding[]);
        runs.push(performance.now() - started);
      }
      log(`    Run in ${runs.sort((a, b) => a - b)[1].toFixed(1)} ms`);
    }
  }
}

/**
 * Seeds one dataset (or reuses it when nothing it depends on changed), starts
 * the backend on it, and measures each scenario: the endpoint, its raw-SQL
 * floor and the catalog's by-name lookup, one after the other at the same
 * concurrency.
 */
export async function runDataset(options: {
  name: string;
  target: Target;
  scale: Scale;
  org: Organisation;
  subjects: Subjects;
  workDir: string;
  catalogFile: string;
  catalogCounts: Record<string, number>;
  port: number;
  databasePrefix: string;
  connections: number;
  reseed: boolean;
  /** Print each request's statements with their plans instead of loading. */
  explain: boolean;
  /** Time pages in headless Chromium instead of loading the API. */
  browser: boolean;
  now: Date;
  log: (message: string) => void;
}): Promise<DatasetResult> {
  const { target, scale, log } = options;
  const { subjects } = options;
  log(
    `\n== ${options.name}: ${scale.incidents} incidents on ${describeTarget(
      target,
    )}; ` +
      `busiest component ${subjects.busiestComponent} (${subjects.busiestIncidents} incidents), ` +
      `typical ${subjects.typicalComponent} (${subjects.typicalIncidents})`,
  );
  const stateFile = path.join(options.workDir, `seed-${options.name}.json`);
  const fingerprint = seedFingerprint(scale, target);
  let seedSeconds: number | null = null;
  let rows: Record<string, number> | null = null;
  const previous = fs.existsSync(stateFile)
    ? JSON.parse(fs.readFileSync(stateFile, 'utf8'))
    : undefined;
  if (options.reseed || previous?.fingerprint !== fingerprint) {
    const started = Date.now();
    rows = await seedDatabase({
      target,
      org: options.org,
      scale,
      now: options.now,
      log,
    });
    seedSeconds = (Date.now() - started) / 1000;
    log(`  seeded in ${seedSeconds.toFixed(1)}s: ${JSON.stringify(rows)}`);
    fs.writeFileSync(
      stateFile,
      JSON.stringify({
        fingerprint: seedFingerprint(scale, target),
        rows,
        seedSeconds,
      }),
    );
  } else {
    ({ rows, seedSeconds } = previous);
    log(
      `  reusing the seeded database (seeded in ${seedSeconds}s; --reseed to redo)`,
    );
  }

  const backend = await startBackend({
    workDir: options.workDir,
    port: options.port,
    databasePrefix: options.databasePrefix,
    target,
    catalogFile: options.catalogFile,
    userRef: `user:default/${options.subjects.userName}`,
    log,
  });
  const plugin = knexFor(target);
  const databases = new Databases(plugin);
  const pluginDatabase =
    target.kind === 'postgres' ? target.database : sqliteFile(target);
  try {
    const catalogSeconds = await waitForCatalog(
      backend,
      options.catalogCounts,
      log,
    );
    log(`  catalog ready after ${catalogSeconds.toFixed(1)}s`);
    const base = {
      name: options.name,
      database: target.kind === 'postgres' ? 'PostgreSQL' : 'SQLite',
      scale,
      seedSeconds,
      rows,
      catalogSeconds,
      connections: options.connections,
      subjects,
    };
    if (options.browser) {
      const pageSubjects = await browserSubjects(plugin);
      const lazyPluginChunks = pluginChunks(
        path.join(REPO_ROOT, 'packages/app/dist'),
      )
        .filter(c => !c.initial)
        .map(c => path.basename(c.file));
      const result = await measurePages({
        baseUrl: backend.baseUrl,
        lazyPluginChunks,
        pages: [
          {
            name: `service tab, ${pageSubjects.componentIncidents} incidents`,
            path: `/catalog/default/component/${pageSubjects.component}/incidents`,
            ready: `${pageSubjects.component}: elevated error rate`,
          },
          {
            name: `team overview, ${pageSubjects.teamOpenFollowups} open followups`,
            path: `/team-followups?team=${pageSubjects.teamRef}`,
            ready: 'for service-',
            // The five trend charts below the followups.
            drawn: {
              selector: '[data-testid="team-chart"] canvas[data-drawn]',
              count: 5,
            },
          },
        ],
      });
      for (const p of result.pages) {
        log(
          `  ${p.name}: ${p.milliseconds} ms (loads: ${p.runs.join(', ')})${
            p.drawnMilliseconds === undefined
              ? ''
              : `, all drawn ${p.drawnMilliseconds} ms`
          }`,
        );
      }
      log(
        `  catalog home page: ${
          result.scriptsOnCatalogPage
        } scripts, plugin lazy chunks among them: ${
          result.pluginChunksOnCatalogPage.join(', ') || 'none'
        }`,
      );
      return { ...base, requests: [], browser: { ...result, ...pageSubjects } };
    }
    const headers = { authorization: `Bearer ${backend.token}` };
    const results: RequestResult[] = [];
    const get = async (route: string) => {
      const response = await fetch(`${backend.baseUrl}${route}`, { headers });
      if (!response.ok) {
        throw new Error(
          `${route}: ${response.status} ${await response.text()}`,
        );
      }
      return response.json();
    };
    for (const scenario of await scenarios(options.subjects, plugin, get)) {
      const url = `${backend.baseUrl}${scenario.path}`;
      for (let i = 0; i < scale.warmups; i++) {
        const response = await fetch(url, { headers });
        if (!response.ok) {
          throw new Error(
            `${scenario.name}: ${response.status} ${await response.text()}`,
          );
        }
        await response.arrayBuffer();
      }
      const countAnew = { 'cache-control': 'no-cache' };
      let responseBytes = 0;
      const capture = (extraHeaders: Record<string, string>) =>
        backend.capture(async () => {
          const response = await fetch(url, {
            headers: { ...headers, ...extraHeaders },
          });
          responseBytes = (await response.arrayBuffer()).byteLength;
        });
      // A kept answer's statements are those of counting it anew; a list's,
      // those of a page whose total is kept, and counting it anew is checked
      // for full scans and explained too.
      const captured = await capture(scenario.kept ? countAnew : {});
      const countedCaptured = scenario.kept
        ? captured
        : await capture(countAnew);
      const statements: FloorStatement[] = captured.queries.map(q => ({
        knex: databases.of(q.client, q.database, pluginDatabase),
        sql: q.sql,
        bindings: q.bindings,
        name: q.name,
      }));
      const scans = new Set<string>();
      const checked = new Map(
        [...captured.queries, ...countedCaptured.queries].map(q => [
          JSON.stringify([q.database, q.sql, q.bindings]),
          q,
        ]),
      );
      for (const q of checked.values()) {
        if (
          q.database !== pluginDatabase ||
          !/^\s*(select|with)\b/i.test(q.sql)
        )
          continue;
        for (const table of await fullScans(plugin, q.sql, q.bindings, {
          prepared: Boolean(q.name),
        })) {
          scans.add(table);
        }
      }
      if (options.explain) {
        await explainStatements(
          scenario.name,
          countedCaptured.queries,
          plugin,
          pluginDatabase,
          log,
        );
        continue;
      }
      // Each measurement in slices, in turns with the others.
      const slice = slices(scale.seconds);
      const measureHttp = async (
        measured: Measured,
        measuredUrl: string,
        measuredHeaders?: Record<string, string>,
      ) => {
        const before = cpuTime(backend.pid);
        const loaded = await loadHttp({
          url: measuredUrl,
          token: backend.token,
          headers: measuredHeaders,
          connections: options.connections,
          seconds: slice.seconds,
        });
        measured.add(loaded, before, cpuTime(backend.pid));
      };
      const endpoint = new Measured();
      const countedAnew = scenario.kept ? new Measured() : undefined;
      const floor = new Measured();
      const catalog = new Measured();
      for (let round = 0; round < slice.rounds; round++) {
        await measureHttp(endpoint, url);
        if (countedAnew) await measureHttp(countedAnew, url, countAnew);
        floor.add(
          await loadSql({
            statements,
            connections: options.connections,
            seconds: slice.seconds,
          }),
        );
        await measureHttp(catalog, `${backend.baseUrl}${scenario.catalogPath}`);
      }
      const pluginQueries = captured.queries.filter(
        q => q.database === pluginDatabase,
      ).length;
      const result: RequestResult = {
        name: scenario.name,
        path: scenario.path,
        endpoint: endpoint.latency(),
        floor: floor.latency(),
        catalog: catalog.latency(),
        endpointCpu: endpoint.cpuPerRequest(),
        catalogCpu: catalog.cpuPerRequest(),
        pluginQueries,
        otherQueries: captured.queries.length - pluginQueries,
        innerRequests: Math.max(0, captured.requests.length - 1),
        fullScans: [...scans],
        responseBytes,
        statements: captured.queries.map(
          q => `[${path.basename(q.database)}] ${q.sql}`,
        ),
        countedAnew: countedAnew && {
          latency: countedAnew.latency(),
          cpu: countedAnew.cpuPerRequest(),
        },
      };
      log(`  ${requestLine(result)}`);
      results.push(result);
    }
    return {
      name: options.name,
      database: target.kind === 'postgres' ? 'PostgreSQL' : 'SQLite',
      scale,
      seedSeconds,
      rows,
      catalogSeconds,
      connections: options.connections,
      subjects,
      requests: results,
    };
  } finally {
    await databases.close();
    await plugin.destroy();
    await backend.stop();
  }
}
