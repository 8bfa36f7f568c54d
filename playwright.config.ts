import { defineConfig } from '@playwright/test';

/*
 * End-to-end tests against the portal as `npm start` runs it, on a SQLite data
 * directory of their own (app-config.e2e.yaml), in Debian's Chromium: Playwright
 * never downloads a browser here.
 */
export default defineConfig({
  testDir: 'e2e-tests',
  // The PagerDuty test needs the fake PagerDuty: playwright.pagerduty.config.ts.
  testIgnore: 'pagerduty/**',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  webServer: [
    {
      // The fake Jira that action items become tickets in (app-config.fake-jira.yaml).
      command: 'yarn fake-jira',
      port: 7008,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command:
        'rm -rf .data/e2e && yarn start:portal --config "$PWD/app-config.yaml" --config "$PWD/app-config.fake-jira.yaml" --config "$PWD/app-config.e2e.yaml"',
      url: 'http://localhost:3000',
      reuseExistingServer: false,
      timeout: 360_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
  use: {
    baseURL: 'http://localhost:3000',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    screenshot: 'only-on-failure',
  },
  outputDir: 'node_modules/.cache/e2e-test-results',
});
