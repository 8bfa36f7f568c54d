import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/*
 * The end-to-end test of the PagerDuty module: the portal as the other tests run
 * it, importing from the fake PagerDuty of
 * plugins/incident-followups-backend-module-pagerduty on 127.0.0.1:7012.
 */
export default defineConfig({
  ...base,
  testIgnore: undefined,
  testMatch: 'pagerduty/*.test.ts',
  webServer: [
    {
      command:
        'yarn workspace @incident-followups/plugin-incident-followups-backend-module-pagerduty fake-pagerduty',
      url: 'http://127.0.0.1:7012/incidents',
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      command:
        'rm -rf .data/e2e && yarn start:portal --config "$PWD/app-config.yaml" --config "$PWD/app-config.e2e.yaml" --config "$PWD/app-config.e2e-pagerduty.yaml"',
      url: 'http://localhost:3000',
      reuseExistingServer: false,
      timeout: 360_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
});
