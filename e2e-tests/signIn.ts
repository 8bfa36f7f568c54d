import { expect, Page } from '@playwright/test';

const BACKEND = 'http://localhost:7007';
let catalogReady: Promise<void> | undefined;

/**
 * Waits until the catalog holds the demo's checkout-api: the portal answers on
 * port 3000 before the catalog has read its locations, and a test that opens
 * an entity page then would see "Entity not found".
 */
function waitForDemoCatalog(): Promise<void> {
  catalogReady ??= (async () => {
    const deadline = Date.now() + 180_000;
    let last = 'no answer yet';
    while (Date.now() < deadline) {
      try {
        const refresh = await fetch(`${BACKEND}/api/auth/guest/refresh`, {
          headers: { 'x-requested-with': 'XMLHttpRequest' },
        });
        if (refresh.ok) {
          const token = (await refresh.json()).backstageIdentity.token;
          const entity = await fetch(
            `${BACKEND}/api/catalog/entities/by-name/component/default/checkout-api`,
            { headers: { authorization: `Bearer ${token}` } },
          );
          if (entity.ok) return;
          last = `catalog answered ${entity.status}`;
        } else {
          last = `guest sign-in answered ${refresh.status}`;
        }
      } catch (error) {
        last = String(error);
      }
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
    throw new Error(
      `The demo catalog did not hold component:default/checkout-api within 3 minutes (${last})`,
    );
  })();
  return catalogReady;
}

/** Signs in with the guest provider, as the README tells a first-time user to. */
export async function signInAsGuest(page: Page) {
  await waitForDemoCatalog();
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
