import { OPEN_FOLLOWUP_STATUSES } from '@incident-followups/plugin-incident-followups-common';
import { chromium } from '@playwright/test';
import { Knex } from 'knex';

/** Timed loads of a page in headless Chromium, from navigation on. */
export interface PageTiming {
  name: string;
  path: string;
  /** Median time until the page's content shows. */
  milliseconds: number;
  /** Each load's time until the content shows. */
  runs: number[];
  /** Median time until what the page draws after its content (charts) is drawn too. */
  drawnMilliseconds?: number;
}

/** A page to time: its content shows `ready`; `drawn` is what it draws last. */
export interface TimedPage {
  name: string;
  path: string;
  ready: string;
  drawn?: { selector: string; count: number };
}

/** Timed loads per page, after a warm-up load: their median is reported. */
export const LOADS_PER_PAGE = 5;

const WANTED_KEY = 'incident-followups-bench-wanted';

/**
 * Runs first in each document: notes, in milliseconds from its navigation, the
 * start of the first animation frame at which the page holds the text and the
 * elements that the bench waits for: the frame that paints them (its own
 * layout and paint are not counted). Polling from outside would add its own
 * intervals, and wait behind whatever script runs after the paint.
 */
function watchFrames(key: string) {
  const wanted = sessionStorage.getItem(key);
  if (!wanted) return;
  const { ready, drawn } = JSON.parse(wanted) as Omit<
    TimedPage,
    'name' | 'path'
  >;
  const times: { ready?: number; drawn?: number } = {};
  (window as any).benchTimes = times;
  let changed = true;
  new MutationObserver(() => {
    changed = true;
  }).observe(document, { childList: true, subtree: true, characterData: true });
  const frame = () => {
    if (changed && document.body) {
      changed = false;
      const now = performance.now();
      if (
        times.ready === undefined &&
        document.body.textContent?.includes(ready)
      ) {
        times.ready = now;
      }
      if (
        drawn &&
        times.drawn === undefined &&
        document.querySelectorAll(drawn.selector).length >= drawn.count
      ) {
        times.drawn = now;
      }
    }
    if (times.ready === undefined || (drawn && times.drawn === undefined)) {
      requestAnimationFrame(frame);
    }
  };
  requestAnimationFrame(frame);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export interface BrowserResult {
  pages: PageTiming[];
  /** Scripts the catalog's home page loaded that hold the plugin's lazy code. */
  pluginChunksOnCatalogPage: string[];
  scriptsOnCatalogPage: number;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The pages the issue times: a service tab with about 500 incidents and a team
 * overview with about 2,000 open followups, chosen from the dataset.
 */
export async function browserSubjects(db: Knex) {
  const [component] = await db('incident_entities')
    .groupBy('entity_ref')
    .select('entity_ref', db.raw('count(*) as count'))
    .orderByRaw('abs(count(*) - 500)')
    .limit(1);
  const [team] = await db('followups')
    .join(
      'incident_owners',
      'incident_owners.incident_id',
      'followups.incident_id',
    )
    .whereIn('followups.status', [...OPEN_FOLLOWUP_STATUSES])
    .groupBy('incident_owners.owner_ref')
    .select('incident_owners.owner_ref', db.raw('count(*) as count'))
    .orderByRaw('abs(count(*) - 2000)')
    .limit(1);
  return {
    component: String(component.entity_ref).split('/')[1],
    componentIncidents: Number(component.count),
    teamRef: String(team.owner_ref),
    teamOpenFollowups: Number(team.count),
  };
}

/**
 * Signs in as the guest on the app that the bench backend serves (the
 * production build in packages/app/dist), checks which scripts the catalog's
 * home page loads, then times each page from navigation until `ready` shows.
 */
export async function measurePages(options: {
  baseUrl: string;
  lazyPluginChunks: string[];
  pages: TimedPage[];
}): Promise<BrowserResult> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 900 },
    });
    const scripts: string[] = [];
    page.on('request', request => {
      const url = new URL(request.url());
      if (url.pathname.endsWith('.js')) scripts.push(url.pathname);
    });
    await page.goto(`${options.baseUrl}/`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.waitForLoadState('networkidle');
    await page
      .getByText('All components')
      .or(page.getByText('Owned'))
      .first()
      .waitFor();
    const catalogScripts = [...scripts];
    await page.addInitScript(watchFrames, WANTED_KEY);
    const timings: PageTiming[] = [];
    for (const target of options.pages) {
      // A warm-up load, as a person who opened the portal before would have.
      await page.goto(`${options.baseUrl}${target.path}`);
      await page.getByText(target.ready).first().waitFor({ timeout: 60_000 });
      const runs: number[] = [];
      const drawnRuns: number[] = [];
      for (let load = 0; load < LOADS_PER_PAGE; load++) {
        await page.goto(`${options.baseUrl}/`);
        await page.waitForLoadState('networkidle');
        await page.evaluate(
          ([key, wanted]) => sessionStorage.setItem(key, wanted),
          [
            WANTED_KEY,
            JSON.stringify({ ready: target.ready, drawn: target.drawn }),
          ],
        );
        await page.goto(`${options.baseUrl}${target.path}`);
        await page.getByText(target.ready).first().waitFor({ timeout: 60_000 });
        const times = await page.waitForFunction(
          drawn => {
            const t = (window as any).benchTimes;
            return t?.ready !== undefined && (!drawn || t.drawn !== undefined)
              ? t
              : undefined;
          },
          target.drawn,
          { timeout: 60_000 },
        );
        const { ready, drawn } = (await times.jsonValue()) as {
          ready: number;
          drawn?: number;
        };
        await page.evaluate(key => sessionStorage.removeItem(key), WANTED_KEY);
        runs.push(Math.round(ready));
        if (drawn !== undefined) drawnRuns.push(Math.round(drawn));
      }
      timings.push({
        name: target.name,
        path: target.path,
        milliseconds: median(runs),
        runs,
        ...(target.drawn && { drawnMilliseconds: median(drawnRuns) }),
      });
    }
    return {
      pages: timings,
      pluginChunksOnCatalogPage: catalogScripts.filter(s =>
        options.lazyPluginChunks.some(chunk => s.endsWith(chunk)),
      ),
      scriptsOnCatalogPage: catalogScripts.length,
    };
  } finally {
    await browser.close();
  }
}
