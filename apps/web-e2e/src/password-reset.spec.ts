import { expect, test } from '@playwright/test';
import { linkFromMail } from './mail-outbox';

const pathOf = (link: string) => new URL(link).pathname + new URL(link).search;

test('a hunter who forgot the password gets a link by mail, sets a new one, and signs in with it', async ({
  page,
  request,
}, testInfo) => {
  const email = `forgetful-${testInfo.project.name}-${Date.now()}@example.com`;
  await request.post('/api/auth/register', {
    data: { email, password: 'plum tractor velvet 42', displayName: 'Forgetful' },
  });
  await page.goto(pathOf(await linkFromMail(email, '/verify-email?token=')));
  await expect(page).toHaveURL(/\/tools$/);
  await page.context().clearCookies();

  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  // Both pages have an Email field: wait for the new page before typing into "the" Email field.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Forgot your password?');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your inbox');

  await page.goto(pathOf(await linkFromMail(email, '/reset-password?token=')));
  await page.getByLabel('New password', { exact: true }).fill('password');
  await page.getByLabel('Repeat the new password').fill('password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('alert')).toContainText('most common');
  await page.getByLabel('New password', { exact: true }).fill('brand new passphrase 7');
  await page.getByLabel('Repeat the new password').fill('brand new passphrase 7');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Password changed');

  await page.getByRole('link', { name: 'Sign in' }).last().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Huntkit');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('brand new passphrase 7');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Account menu for Forgetful' })).toBeVisible();
});
