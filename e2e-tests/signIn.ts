import { expect, Page } from '@playwright/test';

/** Signs in with the guest provider, as the README tells a first-time user to. */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(
    page.getByRole('heading', { name: 'Acme Catalog' }),
  ).toBeVisible();
}

/** Saves what the user sees into docs/screenshots, which the README links to. */
export async function saveScreenshot(page: Page, name: string) {
  await page.screenshot({
    path: `docs/screenshots/${name}.png`,
    fullPage: true,
  });
}
