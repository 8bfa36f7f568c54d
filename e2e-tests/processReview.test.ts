import { expect, test } from '@playwright/test';
import { saveScreenshot, signInAsGuest } from './signIn';

test('the agenda builds itself from the period; the guest, not an attendee, asks to join', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.getByRole('link', { name: 'Process reviews' }).click();
  await page.getByRole('link', { name: 'November process review' }).click();

  // The agenda: November's incidents, with what didn't go well and the feedback.
  const checkout = page
    .getByTestId('agenda-item')
    .filter({ hasText: 'Checkout failing for card payments' });
  await expect(checkout).toBeVisible();
  await expect(checkout).toContainText('feedback 3.5 / 5 from 2');
  await expect(checkout).toContainText("What didn't go so well");
  await expect(page.getByTestId('period-feedback')).toContainText('/ 5');

  // The guest led none of these incidents: no notes or decisions for them yet.
  await expect(checkout.getByLabel('Decision')).toHaveCount(0);
  await page
    .getByLabel('Why you would like to join (optional)')
    .fill('I am on call for the alerting pipeline');
  await page.getByRole('button', { name: 'Ask to join' }).click();
  await expect(page.getByTestId('my-join-request')).toHaveText(
    'You asked to join: pending.',
  );
  await expect(page.getByTestId('join-request')).toContainText('guest');
  await saveScreenshot(page, 'process-review');

  // The meeting narrows its agenda to what it has not discussed yet.
  await page.getByRole('button', { name: /Discussed/ }).click();
  await page.getByRole('option', { name: 'Not discussed yet' }).click();
  await expect(page.getByTestId('agenda-matches')).toContainText(
    /^\d+ of \d+ incidents match\.$/,
  );
  await expect(checkout).toBeVisible();
});

test('the organiser of a new process review records a decision that becomes a followup', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/process-reviews');
  await page.getByRole('button', { name: 'New meeting' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill('Late November review');
  await dialog.getByLabel('Period starts').fill('2026-11-01T00:00');
  await dialog.getByRole('button', { name: 'Schedule' }).click();

  await expect(
    page.getByRole('heading', { name: 'Late November review' }),
  ).toBeVisible();
  const checkout = page
    .getByTestId('agenda-item')
    .filter({ hasText: 'Checkout failing for card payments' });
  await checkout.getByLabel('Notes').fill('Nobody announced who was IC.');
  await checkout.getByLabel('Notes').blur();

  // Another attendee has the meeting open: the notes and the mark reach them
  // without a reload.
  const watcher = await page.context().newPage();
  await watcher.goto(page.url());
  const enter = watcher.getByRole('button', { name: 'Enter' });
  if (await enter.isVisible({ timeout: 5_000 }).catch(() => false)) {
    await enter.click();
  }
  const watched = watcher
    .getByTestId('agenda-item')
    .filter({ hasText: 'Checkout failing for card payments' });
  await expect(watched.getByLabel('Notes')).toHaveValue(
    'Nobody announced who was IC.',
  );
  // Checked once saved: the box shows what the backend answered.
  await checkout.getByRole('checkbox', { name: 'Discussed' }).click();
  await expect(
    checkout.getByRole('checkbox', { name: 'Discussed' }),
  ).toBeChecked();
  await expect(
    watched.getByRole('checkbox', { name: 'Discussed' }),
  ).toBeChecked();
  await expect(
    watcher.getByRole('heading', { name: /· 1 discussed/ }),
  ).toBeVisible();
  await checkout
    .getByLabel('Notes')
    .fill('Nobody announced who was IC; paging took 9 minutes.');
  await checkout.getByLabel('Notes').blur();
  await expect(watched.getByLabel('Notes')).toHaveValue(
    'Nobody announced who was IC; paging took 9 minutes.',
  );
  // Both write at once: the second to leave the field saves both lines.
  const base = 'Nobody announced who was IC; paging took 9 minutes.';
  await watched
    .getByLabel('Notes')
    .fill(`${base}\nThe status page was updated late.`);
  const organiserSaved = page.waitForResponse(
    r => r.url().includes('/agenda/') && r.request().method() === 'PATCH',
  );
  await checkout
    .getByLabel('Notes')
    .fill(`${base}\nThe secondary was never paged.`);
  await checkout.getByLabel('Notes').blur();
  await organiserSaved;
  await watched.getByLabel('Notes').blur();
  const merged = `${base}\nThe secondary was never paged.\nThe status page was updated late.`;
  await expect(watched.getByLabel('Notes')).toHaveValue(merged);
  await expect(checkout.getByLabel('Notes')).toHaveValue(merged);
  await watcher.close();
  await checkout
    .getByLabel('Decision')
    .fill('The first responder announces the IC in the channel');
  await checkout.getByLabel('Make it a followup').check();
  await checkout.getByLabel('Owner').fill('Guest');
  await page.getByRole('option', { name: /Guest User/ }).click();
  await checkout.getByRole('button', { name: 'Record decision' }).click();
  await expect(checkout.getByTestId('decision')).toContainText(
    'The first responder announces the IC in the channel (followup)',
  );
  await expect(
    checkout
      .getByTestId('process-item')
      .filter({ hasText: 'The first responder announces the IC' }),
  ).toBeVisible();
  await saveScreenshot(page, 'process-review-decision');

  // The decision is a followup like any other: it is on My followups.
  await page.getByRole('link', { name: 'My followups' }).click();
  await expect(
    page
      .getByTestId('my-followup')
      .filter({ hasText: 'The first responder announces the IC' }),
  ).toBeVisible();

  await page.goto('/process-reviews');
  await expect(
    page.getByRole('link', { name: 'Late November review' }),
  ).toBeVisible();
  await saveScreenshot(page, 'process-reviews');
});
