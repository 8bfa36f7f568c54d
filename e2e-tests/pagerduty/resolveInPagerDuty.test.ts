import { expect, test } from '@playwright/test';
import { saveScreenshot, signInAsGuest } from '../signIn';

const FAKE_PAGERDUTY = 'http://127.0.0.1:7012';

test('PagerDuty incidents arrive by themselves and the IC resolves one in PagerDuty from the portal', async ({
  page,
  request,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/checkout-api/incidents');
  // The import runs every 10 seconds; the first may come before the catalog is read.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('source-sync-status')).toContainText(
      'PagerDuty service PCHECKOUT: incidents imported',
      { timeout: 2_000 },
    );
    await expect(
      page.getByRole('row').filter({ hasText: 'Checkout latency above 2 s' }),
    ).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 120_000 });
  await saveScreenshot(page, 'component-incidents-tab-pagerduty');

  await page
    .getByRole('link', { name: 'Checkout latency above 2 s at p99' })
    .click();
  await expect(
    page.getByRole('heading', { name: 'Checkout latency above 2 s at p99' }),
  ).toBeVisible();
  const inPagerDuty = page.locator('div').filter({
    has: page.getByText('In PagerDuty', { exact: true }),
  });
  await expect(
    page.getByRole('button', {
      name: 'Set the final priority and resolve in PagerDuty',
    }),
  ).toBeDisabled();

  await page.getByRole('button', { name: 'Resolve', exact: true }).click();
  const resolve = page.getByRole('dialog');
  await resolve.locator('#final-severity').click();
  await page.getByRole('option', { name: 'SEV-2' }).click();
  await resolve.getByRole('button', { name: 'Resolve as SEV-2' }).click();
  await expect(resolve).toBeHidden();

  await page
    .getByRole('button', {
      name: 'Set the priority of SEV-2 and resolve in PagerDuty',
    })
    .click();
  await expect(page.getByTestId('source-action-resolve')).toContainText('Done');
  await expect(inPagerDuty.first()).toBeVisible();

  const answer = await request.get(`${FAKE_PAGERDUTY}/incidents/Q0000003`, {
    headers: { Authorization: 'Token token=fake-token' },
  });
  const { incident } = await answer.json();
  expect(incident.status).toBe('resolved');
  expect(incident.priority.name).toBe('P2');

  const history = page
    .locator('table')
    .filter({ hasText: 'Done in the source' });
  await expect(history).toContainText('In the source');
  await saveScreenshot(page, 'incident-resolved-in-pagerduty');
});
