import { expect, test } from '@playwright/test';
import { saveScreenshot, signInAsGuest } from './signIn';

test('an incident is recorded, staffed, grouped and resolved from the service page', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/checkout-api/incidents');
  const seeded = page
    .getByRole('row')
    .filter({ hasText: 'Checkout failing for card payments' });
  await expect(seeded).toContainText('Payments');
  await expect(seeded).toContainText('+1 related');
  await expect(seeded).toContainText('PagerDuty');

  await page.getByRole('button', { name: 'New incident' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('#new-incident-title').fill('Refunds stuck in pending');
  await dialog
    .locator('#new-incident-description')
    .fill('Refund webhooks from the provider are not processed.');
  await dialog.locator('#new-incident-severity').click();
  await page.getByRole('option', { name: 'SEV-2' }).click();
  await dialog.getByRole('button', { name: 'Create incident' }).click();

  await expect(page).toHaveURL(
    /\/incident-followups\/incidents\/[0-9a-f-]{36}$/,
  );
  await expect(
    page.getByRole('heading', { name: 'Refunds stuck in pending' }),
  ).toBeVisible();
  await expect(page.getByText('Triggered', { exact: true })).toBeVisible();

  const ic = page.getByTestId('role-incident-commander');
  await ic.getByLabel('Add incident commander').click();
  await ic.getByLabel('Add incident commander').fill('Dave');
  await page.getByRole('option', { name: /Dave Okafor/ }).click();
  await expect(ic.getByText('dave')).toBeVisible();

  const scribe = page.getByTestId('role-scribe');
  await scribe.getByLabel('Add scribe').click();
  await scribe.getByLabel('Add scribe').fill('Bob');
  await page.getByRole('option', { name: /Bob Martinez/ }).click();
  await expect(scribe.getByText('bob')).toBeVisible();

  // The guest user takes notes too, so that the steps reach their My followups.
  await scribe.getByLabel('Add scribe').click();
  await scribe.getByLabel('Add scribe').fill('Guest');
  await page.getByRole('option', { name: /Guest User/ }).click();
  await expect(scribe.getByText('Guest User')).toBeVisible();

  await page
    .getByRole('textbox', { name: 'Incident to group under this one' })
    .click();
  await page
    .getByRole('textbox', { name: 'Incident to group under this one' })
    .fill('Product images');
  await page
    .getByRole('option', { name: /Product images missing on the storefront/ })
    .click();
  await page.getByRole('button', { name: 'Group', exact: true }).click();
  await expect(
    page
      .getByRole('listitem')
      .filter({ hasText: 'Product images missing on the storefront' }),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Resolve', exact: true }).click();
  const resolve = page.getByRole('dialog');
  await resolve.locator('#final-severity').click();
  await page.getByRole('option', { name: 'SEV-3' }).click();
  await resolve.getByRole('button', { name: 'Resolve as SEV-3' }).click();
  await expect(resolve).toBeHidden();
  await expect(
    page.getByText('Resolved', { exact: true }).first(),
  ).toBeVisible();

  // Resolving brings each role's checklist.
  await expect(page.getByTestId('checklist-incident-commander')).toContainText(
    'Incident commander · 1 of 2 done',
  );
  await expect(page.getByTestId('checklist-scribe')).toContainText(
    'Scribe · 0 of 6 done',
  );
  await expect(page.getByTestId('checklist-customer-liaison')).toContainText(
    'for the incident commander to hand out',
  );
  // Someone else has the incident open: the tick reaches them without a reload.
  const watcher = await page.context().newPage();
  await watcher.goto(page.url());
  const enter = watcher.getByRole('button', { name: 'Enter' });
  if (await enter.isVisible({ timeout: 5_000 }).catch(() => false)) {
    await enter.click();
  }
  await expect(
    watcher.getByTestId('checklist-incident-commander'),
  ).toContainText('Incident commander · 1 of 2 done');
  await page
    .getByTestId('checklist-incident-commander')
    .getByRole('checkbox', { name: /Email the stakeholders/ })
    .click();
  await expect(
    watcher.getByTestId('checklist-incident-commander'),
  ).toContainText('Incident commander · 2 of 2 done');
  await watcher.close();
  await expect(page.getByTestId('checklist-incident-commander')).toContainText(
    'Incident commander · 2 of 2 done',
  );
  await page
    .locator('#new-action-item-title')
    .fill('Alert when refund webhooks stop arriving');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('action-item')).toContainText(
    'Alert when refund webhooks stop arriving',
  );
  await expect(page.getByTestId('action-item')).toContainText('Payments');

  const history = page
    .locator('table')
    .filter({ hasText: 'Owning teams at resolution' });
  await expect(history).toContainText('Final severity');
  await expect(history).toContainText('Responders');
  await expect(history).toContainText('Related incidents');
  await expect(page.getByText('Payments').first()).toBeVisible();
  await saveScreenshot(page, 'incident-page');

  // The guest's scribe steps are on My followups; marking one done takes it off.
  await page.goto('/my-followups');
  const mine = page
    .getByTestId('my-followup')
    .filter({ hasText: 'Collect every TODO item' });
  await expect(page.getByText('Refunds stuck in pending')).toBeVisible();
  const before = await page.getByTestId('my-followup').count();
  await saveScreenshot(page, 'my-followups');
  await mine.first().getByRole('button').click();
  await page.getByRole('option', { name: 'Done' }).click();
  await page.reload();
  await expect(page.getByText('Refunds stuck in pending')).toBeVisible();
  await expect(page.getByTestId('my-followup')).toHaveCount(before - 1);

  await page.goto('/catalog/default/component/checkout-api/incidents');
  const created = page
    .getByRole('row')
    .filter({ hasText: 'Refunds stuck in pending' });
  await expect(created).toContainText('Resolved');
  await expect(created).toContainText('SEV-3');
  await expect(created).toContainText('+1 related');
  await expect(created).toContainText('Dave Okafor');
  await saveScreenshot(page, 'component-incidents-tab-after-resolution');
  await page.goto('/catalog/default/component/storefront-web/incidents');
  // The grouped incident now shows under its primary only.
  await expect(
    page.getByText('Product images missing on the storefront'),
  ).toHaveCount(0);
});

test('the Incidents page lists every incident and filters them', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/incident-followups');
  await expect(
    page.getByText('Alerts delayed by up to 20 minutes'),
  ).toBeVisible();
  await page.locator('#incident-filter-status').click();
  await page.getByRole('option', { name: 'Resolved' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listbox')).toBeHidden();
  // The menu fades out after it closes; the screenshot waits for it.
  await expect(page.locator('[class*="MuiPopover-root"]')).toHaveCount(0);
  await expect(
    page.getByText('Log ingest dropping events from one region'),
  ).toHaveCount(0);
  await expect(page.getByText('Fraud checks timing out')).toBeVisible();
  await saveScreenshot(page, 'all-incidents-page');
});

test('someone outside the response reads an incident without its controls', async ({
  page,
}) => {
  await signInAsGuest(page);
  // The guest held no role in it and is in none of its owning teams.
  await page.goto(
    '/incident-followups/incidents/6f1c2a4e-0001-4c1a-9d3e-5b7a1c000001',
  );
  await expect(
    page.getByText("You don't have permission to change this incident."),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reopen' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Ungroup' })).toHaveCount(0);
  await expect(page.getByLabel('New action item')).toHaveCount(0);
  const checklist = page.getByTestId('checklist-incident-commander');
  await expect(checklist.getByRole('checkbox').first()).toBeDisabled();
});
