import { expect, Page, test } from '@playwright/test';
import { saveScreenshot, signInAsGuest } from './signIn';

// Whatever runs would set this flag or open a dialog; neither may happen.
const RUN = 'window.__planted = (window.__planted || 0) + 1';
const HTML = `<img src=x onerror="${RUN}"><script>${RUN}</script>`;
const MARKDOWN = [
  `Raw HTML: <img src=x onerror="${RUN}"> <script>${RUN}</script>`,
  `<iframe src="javascript:${RUN}"></iframe>`,
  '[a link](javascript:window.__planted=1) and **bold**',
].join('\n\n');

async function nothingRan(page: Page) {
  expect(await page.evaluate(() => (window as any).__planted)).toBeUndefined();
}

test('HTML and script typed into every free-text field show as text and never run', async ({
  page,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', async dialog => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await signInAsGuest(page);

  // Incident title and description.
  await page.goto('/catalog/default/component/checkout-api/incidents');
  await page.getByRole('button', { name: 'New incident' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('#new-incident-title').fill(`Refunds ${HTML}`);
  await dialog.locator('#new-incident-description').fill(`Webhooks ${HTML}`);
  await dialog.getByRole('button', { name: 'Create incident' }).click();
  await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/);
  await expect(
    page.getByRole('heading', { name: `Refunds ${HTML}` }),
  ).toBeVisible();
  await expect(page.getByText(`Webhooks ${HTML}`)).toBeVisible();

  // An action item's title.
  await page.getByLabel('New action item').fill(`Fix ${HTML}`);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(
    page.getByTestId('action-item').filter({ hasText: `Fix ${HTML}` }),
  ).toBeVisible();
  await nothingRan(page);

  // The post-mortem: Markdown sections, the timeline, the external message.
  const owner = page.getByRole('textbox', { name: 'Or pick any owner' });
  await owner.click();
  await owner.fill('Guest');
  await page.getByRole('option', { name: /Guest User/ }).click();
  await expect(page).toHaveURL(/\/postmortem$/);
  await page.locator('#section-overview').fill(MARKDOWN);
  await page.locator('#timeline-at').fill('2026-11-20 14:03');
  await page.locator('#timeline-event').fill(`Paged ${HTML}`);
  await page.getByRole('button', { name: 'Add row' }).click();
  await page.locator('#external-summary').fill(`Summary ${HTML}`);
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  await expect(
    page.getByTestId('timeline-row').filter({ hasText: `Paged ${HTML}` }),
  ).toBeVisible();

  // A chat transcript with a TODO and a key event carrying markup.
  await page
    .locator('#chat-transcript')
    .fill(
      [
        `[14:05] guest: TODO rotate keys ${HTML}`,
        `[14:07] guest: KEY: failover ${HTML}`,
      ].join('\n'),
    );
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('chat-proposal')).toHaveCount(2);
  await expect(
    page
      .getByTestId('chat-proposal')
      .filter({ hasText: `rotate keys ${HTML}` }),
  ).toBeVisible();

  // The rendered Markdown keeps the words and drops the markup.
  await page.locator('#section-overview-preview').click();
  const rendered = page.getByTestId('section-overview-rendered');
  await expect(rendered.locator('strong')).toHaveText('bold');
  // Backstage's Markdown sanitiser keeps harmless tags and drops the rest.
  await expect(rendered.locator('script, iframe')).toHaveCount(0);
  await expect(
    rendered.locator('[onerror], [onload], [onclick], [src^="javascript"]'),
  ).toHaveCount(0);
  await expect(rendered.getByText('a link')).toBeVisible();
  for (const href of await rendered
    .locator('a')
    .evaluateAll(links => links.map(a => a.getAttribute('href') ?? ''))) {
    expect(href.toLowerCase()).not.toContain('javascript');
  }
  await saveScreenshot(page, 'untrusted-text-postmortem');

  // Lists that show the same text elsewhere.
  await page.goto('/incident-followups');
  await expect(page.getByText(`Refunds ${HTML}`)).toBeVisible();
  await page.goto('/catalog/default/component/checkout-api/incidents');
  await expect(page.getByText(`Refunds ${HTML}`)).toBeVisible();

  await nothingRan(page);
  expect(dialogs).toEqual([]);
});
