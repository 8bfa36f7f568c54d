import { expect, test } from '@playwright/test';
import { saveScreenshot, signInAsGuest } from './signIn';

const alertsDelayed = '6f1c2a4e-0006-4c1a-9d3e-5b7a1c000006';

test('an action item becomes a Jira issue in the owning service project, once', async ({
  page,
  request,
}) => {
  await signInAsGuest(page);
  await page.goto(`/incident-followups/incidents/${alertsDelayed}`);
  const item = page.getByTestId('action-item').filter({
    hasText: 'Alert on alerting-pipeline queue lag above 2 minutes',
  });
  await item.getByRole('button', { name: /^Create ticket for/ }).click();

  // alerting-pipeline names OPS in its jira/project-key annotation.
  const link = item.getByRole('link', { name: /^OPS-\d+/ });
  await expect(link).toBeVisible();
  await expect(
    item.getByRole('button', { name: /^Create ticket for/ }),
  ).toHaveCount(0);
  const href = (await link.getAttribute('href'))!;
  expect(href).toMatch(/^http:\/\/127\.0\.0\.1:7008\/browse\/OPS-\d+$/);
  const issuePage = await (await request.get(href)).text();
  expect(issuePage).toContain(
    'Alert on alerting-pipeline queue lag above 2 minutes',
  );
  expect(issuePage).toMatch(/Labels: sev2, sev2_20261105, followup-/);
  await saveScreenshot(page, 'action-item-ticket');

  // After a reload the link is still there, and there is no button to make a second one.
  await page.reload();
  await expect(
    page
      .getByTestId('action-item')
      .filter({
        hasText: 'Alert on alerting-pipeline queue lag above 2 minutes',
      })
      .getByRole('link', { name: /^OPS-\d+/ }),
  ).toBeVisible();
});
