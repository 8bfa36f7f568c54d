import { expect, test } from '@playwright/test';
import { saveScreenshot, signInAsGuest } from './signIn';

test("a team lead sees the team's followups and post-mortems, and exports them", async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.getByRole('link', { name: 'Team followups' }).click();

  // The guest is on Site Reliability: the page opens on that team.
  await expect(page).toHaveURL(/team=group%3Adefault%2Fsre/);
  await expect(page.getByTestId('team-figure').first()).toBeVisible();
  await expect(page.getByTestId('team-followup').first()).toBeVisible();
  await expect(page.getByTestId('team-postmortem').first()).toBeVisible();
  await expect(page.getByTestId('team-chart')).toHaveCount(5);
  // Each chart painted on its canvas, and described for screen readers.
  const charts = page.locator('[data-testid="team-chart"] canvas[data-drawn]');
  await expect(charts).toHaveCount(5);
  await expect(
    page.getByRole('img', {
      name: /^Incidents by severity\. Incidents — SEV-1: \d+/,
    }),
  ).toBeVisible();
  await saveScreenshot(page, 'team-followups');
  // The portal scrolls inside its content area: the charts need a screenshot of their own.
  await page.getByTestId('team-chart').last().scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/team-followups-charts.png' });

  await page.getByRole('button', { name: 'By owner' }).click();
  await expect(
    page.getByTestId('team-followup-group-title').first(),
  ).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  expect((await download).suggestedFilename()).toBe('sre-followups.csv');
});

test("a team's catalog page carries its followup card", async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/group/payments');
  const card = page.getByTestId('team-followups-card');
  await expect(card).toBeVisible();
  await expect(card).toContainText('Post-mortems missing');
  // The portal scrolls inside its content area: below a drawn relations graph,
  // the card is out of a full-page screenshot, so the window shows it instead.
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/group-followups-card.png' });

  await page.getByRole('link', { name: /Open the team overview/ }).click();
  await expect(page).toHaveURL(
    /team-followups\?team=group%3Adefault%2Fpayments/,
  );
  await expect(page.getByTestId('team-figure').first()).toBeVisible();
});
