import { OPEN_FOLLOWUP_STATUSES } from '@incident-followups/plugin-incident-followups-common';
import { chromium } from '@playwright/test';
import { Knex } from 'knex';

/** A page load in headless Chromium, timed from navigation to its content. */
export interface PageTiming {
  name: string;
  path: string;
  milliseconds: number;
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
  pages: Array<{ name: string; path: string; ready: string }>;
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
    const timings: PageTiming[] = [];
    for (const target of options.pages) {
      // A warm-up load, as a person who opened the portal before would have.
      await page.goto(`${options.baseUrl}${target.path}`);
      await page.getByText(target.ready).first().waitFor({ timeout: 60_000 });
      await page.goto(`${options.baseUrl}/`);
      await page.waitForLoadState('networkidle');
      const started = Date.now();
      await page.goto(`${options.baseUrl}${target.path}`);
      await page.getByText(target.ready).first().waitFor({ timeout: 60_000 });
      timings.push({
        name: target.name,
        path: target.path,
        milliseconds: Date.now() - started,
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
