import { expect, test } from '@playwright/test';
import { linkFromMail } from './mail-outbox';

test('a new account opens the verification link from its mail and is signed in', async ({
  page,
  request,
}, testInfo) => {
  const email = `hunter-${testInfo.project.name}-${Date.now()}@example.com`;
  const registered = await request.post('/api/auth/register', {
    data: { email, password: 'plum tractor velvet 42', displayName: 'New Hunter' },
  });
  expect(registered.status()).toBe(202);

  const link = await linkFromMail(email, '/verify-email?token=');
  await page.goto(new URL(link).pathname + new URL(link).search);
  await expect(page).toHaveURL(/\/tools$/);
  await expect(page.getByRole('button', { name: 'Account menu for New Hunter' })).toBeVisible();

  // The link works once.
  await page.goto(new URL(link).pathname + new URL(link).search);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link did not work');
  await expect(page.getByRole('alert')).toContainText('expired or was already used');
  await page.screenshot({
    path: `dist/web-e2e/screenshots/verify-email-failed-${testInfo.project.name}.png`,
    fullPage: true,
  });
});
