import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeCatalogFile } from './catalogFile';
import { PluginChunk, pluginChunks } from './bundleSizes';
import { buildOrganisation } from './organisation';
import { BENCH_DIR, REPO_ROOT } from './paths';
import { browserMarkdown, checkTargets, markdownReport } from './report';
import { DatasetResult, runDataset } from './runDataset';
import { FULL, Scale, SMOKE, TENTH } from './scale';
import { chooseSubjects } from './scenarios';
import { Target } from './targets';

const USAGE = `npm run bench [-- options]

  --smoke            1,000 incidents, 0.5 s per measurement (what CI runs); fails
                     when a request fails, never on timings
  --only <names>     comma-separated datasets: pg-100k, pg-10k, sqlite-10k (full);
                     pg-smoke, sqlite-smoke (smoke)
  --reseed           seed again even when the databases are current
  --bundle           instead: the gzipped size of the app's chunks that hold the
                     plugin (build first: yarn workspace app build)
  --browser          instead of the API: time the service tab (about 500 incidents)
                     and a team overview (about 2,000 open followups) in headless
                     Chromium on the app's production build, and check that the
                     catalog page loads none of the plugin's lazy chunks
  --explain          print each request's SQL with its plan (EXPLAIN ANALYZE on
                     PostgreSQL; on SQLite the plan and the median of three runs)
                     instead of measuring
  --connections <n>  concurrent connections of the load (default 8)
  --seconds <n>      seconds of load per measurement (default 5; smoke 0.5)
  --port <n>         the bench backend's port (default 7107)
`;

interface Dataset {
  name: string;
  scale: Scale;
  target: Target;
}

/** The issue's bound on the plugin's lazy chunks, gzipped. */
const LAZY_TARGET_KB = 150;

function measureBundle(log: (message: string) => void) {
  const chunks = pluginChunks(path.join(REPO_ROOT, 'packages/app/dist'));
  const kb = (n: number) => (n / 1024).toFixed(1);
  const lazy = chunks.filter(c => !c.initial);
  const initial = chunks.filter(c => c.initial);
  const total = (list: PluginChunk[]) =>
    kb(list.reduce((sum, c) => sum + c.gzipBytes, 0));
  const companions = lazy.filter(c => c.loadedOnlyWithPlugin);
  const lazyBytes = lazy.reduce((sum, c) => sum + c.gzipBytes, 0);
  const loading = (c: PluginChunk) => {
    if (c.initial) return 'initially';
    return c.loadedOnlyWithPlugin ? 'lazily, only with the plugin' : 'lazily';
  };
  const markdown = [
    '# The plugin in the app bundle',
    '',
    `Production build of packages/app, chunks holding source files of plugins/incident-followups or -common (from their source maps), and the lazy chunks without them that only the plugin's lazy loads fetch (from the chunk loader's calls in the build's scripts), measured ${new Date().toISOString()}.`,
    `Lazy chunks: ${lazy.length}, ${total(lazy)} KB gzipped in all (${
      companions.length
    } of them, ${total(
      companions,
    )} KB, loaded only with the plugin's); target under ${LAZY_TARGET_KB} KB: ${
      lazyBytes <= LAZY_TARGET_KB * 1024 ? 'met' : 'NOT met'
    }. Initial chunks with plugin modules (loaded on every page): ${
      initial.length
    }.`,
    '',
    '| chunk | loaded | KB | KB gzipped | plugin source files / source files |',
    '|---|---|---|---|---|',
    ...chunks.map(
      c =>
        `| ${c.file} | ${loading(c)} | ${kb(c.bytes)} | ${kb(c.gzipBytes)} | ${
          c.pluginModules
        } / ${c.modules} |`,
    ),
    '',
  ].join('\n');
  const resultsDir = path.join(BENCH_DIR, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'bundle.md'), markdown);
  fs.writeFileSync(
    path.join(resultsDir, 'bundle.json'),
    `${JSON.stringify(chunks, null, 2)}\n`,
  );
  log(markdown);
}

async function main() {
  const { values } = parseArgs({
    options: {
      smoke: { type: 'boolean', default: false },
      only: { type: 'string' },
      reseed: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      bundle: { type: 'boolean', default: false },
      browser: { type: 'boolean', default: false },
      connections: { type: 'string', default: '8' },
      seconds: { type: 'string' },
      port: { type: 'string', default: '7107' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const log = (message: string) => process.stdout.write(`${message}\n`);
  if (values.bundle) {
    measureBundle(log);
    return;
  }
  const mode = values.smoke ? 'smoke' : 'full';
  const workDir = path.join(BENCH_DIR, '.work', mode);
  fs.mkdirSync(workDir, { recursive: true });
  const withSeconds = (scale: Scale): Scale =>
    values.seconds ? { ...scale, seconds: Number(values.seconds) } : scale;
  const sqliteDir = (name: string) => path.join(workDir, name);
  const datasets: Dataset[] = values.smoke
    ? [
        {
          name: 'pg-smoke',
          scale: SMOKE,
          target: { kind: 'postgres', database: 'bench_smoke_incidents' },
        },
        {
          name: 'sqlite-smoke',
          scale: SMOKE,
          target: { kind: 'sqlite', directory: sqliteDir('sqlite-smoke') },
        },
      ]
    : [
        {
          name: 'pg-100k',
          scale: FULL,
          target: { kind: 'postgres', database: 'bench_incidents_100k' },
        },
        {
          name: 'pg-10k',
          scale: TENTH,
          target: { kind: 'postgres', database: 'bench_incidents_10k' },
        },
        {
          name: 'sqlite-10k',
          scale: TENTH,
          target: { kind: 'sqlite', directory: sqliteDir('sqlite-10k') },
        },
      ];
  const only = values.only?.split(',');
  const chosen = datasets
    .filter(d => !only || only.includes(d.name))
    .map(d => ({ ...d, scale: withSeconds(d.scale) }));
  if (!chosen.length)
    throw new Error(
      `--only matches none of ${datasets.map(d => d.name).join(', ')}`,
    );

  const orgScale = values.smoke ? SMOKE : FULL;
  const org = buildOrganisation(orgScale);
  log(
    `Organisation: ${org.components.length} components, ${org.groups.length} groups, ${org.users.length} users`,
  );
  const catalogFile = path.join(workDir, 'catalog.yaml');
  writeCatalogFile(org, catalogFile);
  const catalogCounts = {
    component: org.components.length,
    group: org.groups.length,
    user: org.users.length,
  };
  const startedAt = new Date();
  const results: DatasetResult[] = [];
  for (const dataset of chosen) {
    results.push(
      await runDataset({
        ...dataset,
        org,
        subjects: chooseSubjects(org, dataset.scale, orgScale),
        workDir,
        catalogFile,
        catalogCounts,
        port: Number(values.port),
        databasePrefix: values.smoke ? 'bench_smoke_' : 'bench_',
        connections: Number(values.connections),
        reseed: values.reseed,
        explain: values.explain,
        browser: values.browser,
        now: startedAt,
        log,
      }),
    );
  }
  if (values.explain) return;
  const checks = checkTargets(results);
  const machine = `${os.cpus().length} CPUs (${
    os.cpus()[0]?.model ?? 'unknown'
  }), load average ${os
    .loadavg()
    .map(l => l.toFixed(2))
    .join(' ')} at the end`;
  const report = {
    startedAt: startedAt.toISOString(),
    mode,
    machine,
    datasets: results,
    checks,
  };
  const resultsDir = path.join(BENCH_DIR, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  if (values.browser) {
    const browserReport = browserMarkdown(report.startedAt, machine, results);
    fs.writeFileSync(path.join(resultsDir, 'browser.md'), browserReport);
    log(`\n${browserReport}`);
    return;
  }
  const markdown = markdownReport(report);
  // A run of some datasets leaves the last run of all of them as it was.
  const file = only ? `${mode}-${chosen.map(d => d.name).join('+')}` : mode;
  fs.writeFileSync(
    path.join(resultsDir, `${file}.json`),
    `${JSON.stringify(report, null, 2)}\n`,
  );
  fs.writeFileSync(path.join(resultsDir, `${file}.md`), markdown);
  log(`\n${markdown}`);
  log(`Written to ${path.join(resultsDir, `${file}.md`)} and ${file}.json`);
  const failed = results.flatMap(d =>
    d.requests
      .filter(r => r.endpoint.errors || r.floor.errors || r.catalog.errors)
      .map(r => `${d.name}: ${r.name}`),
  );
  if (values.smoke && failed.length) {
    throw new Error(`requests failed under load: ${failed.join('; ')}`);
  }
}

main().catch(error => {
  process.stderr.write(`bench: ${error?.stack ?? error}\n`);
  process.exit(1);
});
