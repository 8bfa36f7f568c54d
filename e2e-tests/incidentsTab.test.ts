import { expect, test } from '@playwright/test';
import { saveScreenshot, signInAsGuest } from './signIn';

test('a component page shows its seeded incidents on the Incidents tab', async ({
  page,
}) => {
  await signInAsGuest(page);

  await page.goto('/catalog/default/component/checkout-api');
  const tab = page.locator('a[href$="/component/checkout-api/incidents"]');
  await expect(tab).toBeVisible();
  await tab.click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/checkout-api\/incidents$/,
  );

  await expect(page.getByText(/^Incidents \(\d+\)$/)).toBeVisible();
  const rows = page.getByRole('row');
  await expect(
    rows.filter({ hasText: 'Checkout failing for card payments' }),
  ).toContainText('SEV-1');
  await expect(
    rows.filter({ hasText: 'Checkout failing for card payments' }),
  ).toContainText('Resolved');
  await expect(
    rows.filter({ hasText: 'Duplicate order confirmations sent' }),
  ).toContainText('Acknowledged');
  await expect(
    rows.filter({ hasText: 'Slow checkout page during the evening peak' }),
  ).toContainText('SEV-3');
  // Incidents of other components stay on their own pages.
  await expect(page.getByText('Fraud checks timing out')).toHaveCount(0);
  await saveScreenshot(page, 'component-incidents-tab');
});

test('a component without incidents says so', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/metrics-store/incidents');
  await expect(
    page.getByText('Alerts delayed by up to 20 minutes'),
  ).toBeVisible();

  // A system's tab shows the incidents of its components.
  // Systems are learnt from the catalog by the ownership refresh a few seconds after start.
  await expect(async () => {
    await page.goto('/catalog/default/system/observability/incidents');
    await expect(
      page.getByText('Log ingest dropping events from one region'),
    ).toBeVisible({
      timeout: 3_000,
    });
  }).toPass({ timeout: 60_000 });
  await expect(
    page.getByText('Alerts delayed by up to 20 minutes'),
  ).toBeVisible();
  await saveScreenshot(page, 'system-incidents-tab');

  await page.goto('/catalog/default/component/incident-followups/incidents');
  await expect(page.getByText('No incidents')).toBeVisible();
  await saveScreenshot(page, 'component-incidents-tab-empty');
});
