import { CpuPerRequest } from './cpuTime';
import { slices } from './measured';
import { DatasetResult, RequestResult } from './runDataset';
import { LOADS_PER_PAGE } from './browser';

export interface TargetCheck {
  target: string;
  met: boolean;
  detail: string;
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');
const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '-');

function find(dataset: DatasetResult | undefined, name: string) {
  return dataset?.requests.find(r => r.name === name);
}

/** The issue's targets, checked on the results of one run. */
export function checkTargets(datasets: DatasetResult[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const dataset of datasets) {
    for (const r of dataset.requests) {
      const floorBound = 2 * r.floor.p99 + 5;
      checks.push({
        target: `${dataset.name}: ${r.name} p99 <= 2 x floor p99 + 5 ms`,
        met: r.endpoint.p99 <= floorBound,
        detail: `${ms(r.endpoint.p99)} vs ${ms(floorBound)} ms`,
      });
      checks.push({
        target: `${dataset.name}: ${r.name} p99 <= catalog by-name p99`,
        met: r.endpoint.p99 <= r.catalog.p99,
        detail: `${ms(r.endpoint.p99)} vs ${ms(r.catalog.p99)} ms`,
      });
      checks.push({
        target: `${dataset.name}: ${r.name} uses indexes on the big tables`,
        met: r.fullScans.length === 0,
        detail: r.fullScans.length
          ? `full scans of ${r.fullScans.join(', ')}`
          : 'no full scan',
      });
    }
    const leaf = find(dataset, 'team overview, leaf team');
    const top = find(dataset, 'team overview, top-level group');
    if (leaf && top) {
      checks.push({
        target: `${dataset.name}: top-level group overview p50 <= 3 x leaf team's`,
        met: top.endpoint.p50 <= 3 * leaf.endpoint.p50,
        detail: `${ms(top.endpoint.p50)} vs ${ms(3 * leaf.endpoint.p50)} ms`,
      });
    }
  }
  const postgres = datasets.filter(d => d.database === 'PostgreSQL');
  const largest = postgres.find(d => d.scale.incidents === 100_000);
  const tenth = postgres.find(d => d.scale.incidents === 10_000);
  // The typical component has as many incidents in both datasets: only the database grows.
  for (const name of ['service tab, typical component']) {
    const big = find(largest, name);
    const small = find(tenth, name);
    if (big && small) {
      checks.push({
        target: `${name}: p50 at 100k <= 1.3 x p50 at 10k (PostgreSQL)`,
        met: big.endpoint.p50 <= 1.3 * small.endpoint.p50,
        detail: `${ms(big.endpoint.p50)} vs ${ms(1.3 * small.endpoint.p50)} ms`,
      });
    }
  }
  return checks;
}

/** CPU milliseconds per request: the backend's + the database server's. */
function cpuCell(cpu: CpuPerRequest | undefined): string {
  return cpu
    ? `${cpu.backendMs.toFixed(1)} + ${cpu.databaseMs.toFixed(1)}`
    : 'n/a';
}

/** One request's figures on a line of the bench's log. */
export function requestLine(r: RequestResult): string {
  const ms1 = (n: number) => n.toFixed(1);
  return (
    `${r.name}: p50 ${ms1(r.endpoint.p50)} p99 ${ms1(r.endpoint.p99)} ms, ` +
    `${r.endpoint.requestsPerSecond.toFixed(0)} req/s, CPU ${cpuCell(
      r.endpointCpu,
    )} ms/req; floor p99 ${ms1(r.floor.p99)}; catalog p99 ${ms1(
      r.catalog.p99,
    )}, CPU ${cpuCell(r.catalogCpu)}; ${r.pluginQueries}+${
      r.otherQueries
    } queries${
      r.fullScans.length ? `; full scans: ${r.fullScans.join(', ')}` : ''
    }${
      r.countedAnew
        ? `; counted anew p50 ${ms1(r.countedAnew.latency.p50)} p99 ${ms1(
            r.countedAnew.latency.p99,
          )} ms, CPU ${cpuCell(r.countedAnew.cpu)}`
        : ''
    }`
  );
}

function requestRow(r: RequestResult): string {
  return [
    r.name,
    ms(r.endpoint.p50),
    ms(r.endpoint.p95),
    ms(r.endpoint.p99),
    r.endpoint.requestsPerSecond.toFixed(0),
    ms(r.floor.p50),
    ms(r.floor.p99),
    ms(r.catalog.p50),
    ms(r.catalog.p99),
    cpuCell(r.endpointCpu),
    cpuCell(r.catalogCpu),
    ratio(r.endpoint.p99, r.floor.p99),
    ratio(r.endpoint.p99, r.catalog.p99),
    `${r.pluginQueries} + ${r.otherQueries}`,
    String(r.innerRequests),
    r.fullScans.length ? r.fullScans.join(', ') : 'none',
    `${r.endpoint.errors}`,
  ].join(' | ');
}

function datasetLine(d: DatasetResult): string {
  const seeded = d.seedSeconds === null ? '-' : `${d.seedSeconds.toFixed(1)} s`;
  const rows = d.rows
    ? ` (${Object.entries(d.rows)
        .map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`)
        .join(', ')})`
    : '';
  const { subjects } = d;
  return (
    `Busiest component ${subjects.busiestComponent} (${subjects.busiestIncidents} incidents; ` +
    `its team ${subjects.leafTeam}, their top-level group ${subjects.topGroup}, ` +
    `My followups of ${subjects.userName}), typical ${subjects.typicalComponent} ` +
    `(${
      subjects.typicalIncidents
    }). Seeded in ${seeded}${rows}; catalog ready ${d.catalogSeconds.toFixed(
      1,
    )} s after the backend started; ` +
    `${d.connections} connections, ${d.scale.seconds} s per measurement, ` +
    `in ${slices(d.scale.seconds).rounds} turns with the request's others.`
  );
}

/** The results as Markdown: one table per dataset, then the targets. */
export function markdownReport(run: {
  startedAt: string;
  mode: string;
  machine: string;
  datasets: DatasetResult[];
  checks: TargetCheck[];
}): string {
  const lines = [
    `# incident-followups benchmark (${run.mode})`,
    '',
    `Run ${run.startedAt} on ${run.machine}.`,
    '',
    'Latencies in milliseconds under fixed concurrency over loopback. *floor*: the SQL',
    'statements the endpoint issued (captured from knex while serving one request),',
    'replayed in order straight against the databases at the same concurrency.',
    "*catalog*: `GET /api/catalog/entities/by-name/...` of the same page's entity on the",
    "same backend. Queries: on the plugin's database + on the other plugins' (catalog);",
    'inner: HTTP calls inside the backend (catalog, permissions). *CPU ms/req*: CPU time',
    "per request of the backend process + the PostgreSQL server's processes (from /proc,",
    'while the load ran; SQLite runs inside the backend). It moves less than the latencies',
    "with what else the machine runs; the catalog's own CPU per request is the yardstick.",
  ];
  for (const d of run.datasets) {
    lines.push(
      '',
      `## ${d.name}: ${d.database}, ${d.scale.incidents.toLocaleString(
        'en-US',
      )} incidents`,
      '',
      datasetLine(d),
      '',
      '| request | p50 | p95 | p99 | req/s | floor p50 | floor p99 | catalog p50 | catalog p99 | CPU ms/req | catalog CPU ms/req | p99 / floor | p99 / catalog | queries | inner | full scans | errors |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
      ...d.requests.map(r => `| ${requestRow(r)} |`),
    );
    const kept = d.requests.filter(r => r.countedAnew);
    if (kept.length) {
      lines.push(
        '',
        'The aggregate answers above are kept by the backend until the data changes',
        '(or a minute passes); these are the same requests counted anew',
        '(`Cache-Control: no-cache`), whose statements the floor replays:',
        '',
        '| request | p50 | p95 | p99 | req/s | CPU ms/req | p99 / floor | p99 / catalog | errors |',
        '|---|---|---|---|---|---|---|---|---|',
        ...kept.map(r => {
          const anew = r.countedAnew!;
          return `| ${[
            r.name,
            ms(anew.latency.p50),
            ms(anew.latency.p95),
            ms(anew.latency.p99),
            anew.latency.requestsPerSecond.toFixed(0),
            cpuCell(anew.cpu),
            ratio(anew.latency.p99, r.floor.p99),
            ratio(anew.latency.p99, r.catalog.p99),
            `${anew.latency.errors}`,
          ].join(' | ')} |`;
        }),
      );
    }
  }
  lines.push(
    '',
    '## Targets',
    '',
    '| target | met | measured |',
    '|---|---|---|',
    ...run.checks.map(
      c => `| ${c.target} | ${c.met ? 'yes' : 'NO'} | ${c.detail} |`,
    ),
    '',
  );
  return lines.join('\n');
}

/** The browser timings as Markdown. */
export function browserMarkdown(
  startedAt: string,
  machine: string,
  datasets: DatasetResult[],
): string {
  const lines = [
    '# incident-followups in the browser',
    '',
    `Run ${startedAt} on ${machine}. Headless Chromium on the production build of`,
    `packages/app served by the bench backend; each page loaded ${LOADS_PER_PAGE} times after one`,
    'warm-up load, timed from navigation to the start of the animation frame that',
    "paints its content (that frame's own layout and paint not counted; the median, and",
    'each load; noted inside the page, so neither polling nor scripts that run after',
    'that paint add to it), and to the frame that paints what it draws last (the team',
    "overview's charts, below its followups). Target: 1.5 s.",
  ];
  for (const d of datasets) {
    if (!d.browser) continue;
    lines.push(
      '',
      `## ${d.name}: ${d.database}, ${d.scale.incidents.toLocaleString(
        'en-US',
      )} incidents`,
      '',
      '| page | content shown, ms | within 1.5 s | loads, ms | all drawn, ms | within 1.5 s |',
      '|---|---|---|---|---|---|',
      ...d.browser.pages.map(p => {
        const within = (milliseconds: number) =>
          milliseconds <= 1500 ? 'yes' : 'NO';
        const drawn = p.drawnMilliseconds;
        return `| ${p.name} (${p.path}) | ${p.milliseconds} | ${within(
          p.milliseconds,
        )} | ${p.runs.join(', ')} | ${drawn ?? '-'} | ${
          drawn === undefined ? '-' : within(drawn)
        } |`;
      }),
      '',
      `The catalog home page loaded ${
        d.browser.scriptsOnCatalogPage
      } scripts; of the plugin's lazy chunks: ${
        d.browser.pluginChunksOnCatalogPage.join(', ') || 'none'
      }.`,
    );
  }
  return `${lines.join('\n')}\n`;
}
