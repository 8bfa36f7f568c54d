import { expect, test } from '@playwright/test';
import { saveScreenshot, signInAsGuest } from './signIn';

const checkoutIncident = '6f1c2a4e-0001-4c1a-9d3e-5b7a1c000001';
const typoIncident = '6f1c2a4e-0008-4c1a-9d3e-5b7a1c000008';

test('a post-mortem is created, written, fed from the chat and sent for review', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto(`/incident-followups/incidents/${typoIncident}`);
  await expect(page.getByText('Optional for this severity')).toBeVisible();
  const owner = page.getByRole('textbox', { name: 'Or pick any owner' });
  await owner.click();
  await owner.fill('Guest');
  await page.getByRole('option', { name: /Guest User/ }).click();

  await expect(page).toHaveURL(/\/postmortem$/);
  await expect(page.getByText('Deadline', { exact: false })).toBeVisible();
  await page
    .locator('#section-overview')
    .fill(
      'A typo in the **payment failure message** shipped with the release.',
    );
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');

  await page
    .locator('#chat-transcript')
    .fill(
      [
        '[16:02] erin: the failure message says "pament failed"',
        '[16:10] erin: KEY: fix deployed to payment-gateway',
        '[16:12] guest: TODO add a spell check to the release checklist',
      ].join('\n'),
    );
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('chat-proposal')).toHaveCount(2);
  await page
    .getByTestId('chat-proposal')
    .filter({ hasText: 'spell check' })
    .getByRole('button', { name: 'Accept' })
    .click();
  await page
    .getByTestId('chat-proposal')
    .filter({ hasText: 'fix deployed' })
    .getByRole('button', { name: 'Accept' })
    .click();
  await expect(page.getByTestId('chat-proposal')).toHaveCount(0);
  await expect(
    page
      .getByTestId('action-item')
      .filter({ hasText: 'add a spell check to the release checklist' }),
  ).toBeVisible();
  await expect(
    page.getByTestId('timeline-row').filter({ hasText: 'fix deployed' }),
  ).toBeVisible();

  // The same chat again adds nothing twice.
  await page
    .locator('#chat-transcript')
    .fill('[16:12] guest: TODO add a spell check to the release checklist');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(
    page.getByText('Nothing new: everything in this chat was imported before'),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Ready for review' }).click();
  await expect(
    page.getByRole('button', { name: 'Meeting held: mark reviewed' }),
  ).toBeVisible();
  await expect(page.getByText(/SEV-5 · In review/)).toBeVisible();
  await page.locator('#section-overview-preview').click();
  await expect(
    page.getByTestId('section-overview-rendered').locator('strong'),
  ).toHaveText('payment failure message');
  await saveScreenshot(page, 'postmortem-in-review');

  await page.goto(`/incident-followups/incidents/${typoIncident}`);
  await expect(page.getByTestId('postmortem-summary')).toContainText(
    'In review',
  );
});

test('a finished post-mortem reads as a record', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto(
    `/incident-followups/incidents/${checkoutIncident}/postmortem`,
  );
  await expect(page.getByText(/SEV-1 · Closed/)).toBeVisible();
  await expect(page.getByTestId('status-page-posted')).toBeVisible();
  await expect(page.getByTestId('meeting-state')).toHaveText('Meeting held');
  // The guest neither responded nor owns it: the demo's policy lets them read only.
  await expect(
    page.getByText(
      "You can read this post-mortem; you don't have permission to change it.",
    ),
  ).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Write' })).toHaveCount(0);
  await expect(
    page.getByRole('button', { name: 'Notify stakeholders' }),
  ).toHaveCount(0);
  await expect(page.getByLabel('Link to the call recording')).toBeDisabled();
  await saveScreenshot(page, 'postmortem-closed');
});

test('post-mortems are found in the portal search', async ({ page }) => {
  await signInAsGuest(page);
  // The index is built a few seconds after the backend starts.
  await expect(async () => {
    await page.goto('/search?query=connection%20pool');
    await expect(
      page.getByTestId('postmortem-search-result').first(),
    ).toBeVisible({ timeout: 3_000 });
    // The owning teams arrive from the catalog shortly after start.
    await expect(
      page
        .getByTestId('postmortem-search-result')
        .first()
        .getByText('Team: payments'),
    ).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 90_000 });
  const result = page.getByTestId('postmortem-search-result').first();
  await expect(
    result.getByRole('link', {
      name: 'Post-mortem: Checkout failing for card payments',
    }),
  ).toBeVisible();
  await expect(result.getByText('Team: payments')).toBeVisible();
  await saveScreenshot(page, 'search-postmortems');
});
