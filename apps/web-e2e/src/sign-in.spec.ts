import { expect, test } from '@playwright/test';
import { DEMO_ADMIN } from '../playwright.config';

test.describe('sign in and out', () => {
  test('a wrong password is explained, and the form keeps what was typed', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(DEMO_ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('The email or password is not right.');
    await expect(page.getByLabel('Email')).toHaveValue(DEMO_ADMIN.email);
  });

  test('the demo admin signs in, sees the account menu, and signs out', async ({ page, isMobile }) => {
    await page.goto('/sign-in?returnUrl=/tools');
    await page.getByLabel('Email').fill(DEMO_ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_ADMIN.password);
    await page.getByRole('button', { name: 'Show password' }).click();
    await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('type', 'text');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/tools$/);

    const account = page.getByRole('button', { name: 'Account menu for Demo Admin' });
    await expect(account).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sign in' })).toHaveCount(0);
    // The session survives a reload: the cookies are the session, not the page's memory.
    await page.reload();
    await expect(account).toBeVisible();

    await account.click();
    await expect(page.getByRole('menu')).toContainText(DEMO_ADMIN.email);
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(account).toHaveCount(0);
    if (!isMobile)
      await expect(page.locator('hk-navbar').getByRole('link', { name: 'Sign in' })).toBeVisible();
    await page.reload();
    await expect(account).toHaveCount(0);
  });
});
