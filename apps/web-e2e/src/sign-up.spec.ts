import { expect, test } from '@playwright/test';
import { linkFromMail } from './mail-outbox';
import { settle } from './support';

const shot = (name: string, project: string) => `dist/web-e2e/screenshots/${name}-${project}.png`;

test('a new hunter signs up, confirms by mail, uses the account menu, and signs out', async ({
  page,
  isMobile,
}, testInfo) => {
  const email = `hunter-${testInfo.project.name}-${Date.now()}@example.com`;
  await page.goto('/sign-up');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create your account');
  await page.getByLabel('Name').fill('New Hunter');
  await page.getByLabel('Email').fill(email);

  // The meter judges as the API does: too short, then too common, then advice on strength.
  const password = page.getByLabel('Password', { exact: true });
  await password.fill('plum');
  await expect(page.locator('hk-password-strength')).toContainText('Too short: 4 more characters');
  await password.fill('password1');
  await expect(page.locator('hk-password-strength')).toContainText('Too common');
  await password.fill('plum tractor velvet 42');
  await expect(page.locator('hk-password-strength')).toContainText('Strong');

  await page.getByLabel('Repeat the password').fill('plum tractor velvet 24');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('alert')).toContainText('The two passwords are not the same.');
  await page.getByLabel('Repeat the password').fill('plum tractor velvet 42');
  await settle(page);
  await page.screenshot({ path: shot('sign-up-filled', testInfo.project.name), fullPage: true });
  await page.getByRole('button', { name: 'Create account' }).dblclick();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your inbox');
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByRole('button', { name: /Send again in \d+ s/ })).toBeDisabled();
  await page.screenshot({ path: shot('sign-up-check-inbox', testInfo.project.name), fullPage: true });

  const link = new URL(await linkFromMail(email, '/verify-email?token='));
  await page.goto(link.pathname + link.search);
  await expect(page).toHaveURL(/\/tools$/);

  const account = page.getByRole('button', { name: 'Account menu for New Hunter' });
  await account.click();
  await expect(page.getByRole('menu')).toContainText(email);
  await page.getByRole('menuitem', { name: 'Account settings' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Account settings');
  // The time zone came from the browser at sign-up (Playwright's default zone is the machine's).
  const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  await expect(page.locator('#profile').getByLabel('Time zone')).toHaveValue(zone);

  await account.click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(account).toHaveCount(0);
  if (!isMobile) await expect(page.locator('hk-navbar').getByRole('link', { name: 'Sign in' })).toBeVisible();

  // Signed out, the account page asks to sign in and comes back after.
  await page.goto('/account');
  await expect(page).toHaveURL(/\/sign-in\?returnUrl=%2Faccount$/);

  // The verification link worked once; now it explains itself and offers a new one.
  await page.goto(link.pathname + link.search);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link did not work');
  await expect(page.getByRole('alert')).toContainText('expired or was already used');
  await page.screenshot({ path: shot('verify-email-failed', testInfo.project.name), fullPage: true });
});
