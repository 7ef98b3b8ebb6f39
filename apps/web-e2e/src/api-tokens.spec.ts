import { expect, test } from '@playwright/test';
import { signUpVerified } from './accounts';
import { expectNoSeriousAxeViolations, settle } from './support';

test('an API token is created in Account settings, works once copied, and stops when revoked', async ({
  page,
  request,
}, testInfo) => {
  const { email } = await signUpVerified(page.request, 'Token Maker');
  await page.goto('/account');

  const name = `CI ${testInfo.project.name} ${Date.now()}`;
  await page.getByRole('button', { name: 'New token' }).click();
  await page.getByLabel('Token name').fill(name);
  await page.getByRole('checkbox', { name: /runs:read/ }).check();
  await page.getByRole('button', { name: 'Create token' }).click();

  const secret = (await page.getByTestId('new-token').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^hk_pat_/);
  await expect(page.getByText('It will not be shown again.')).toBeVisible();
  const row = page.getByRole('listitem').filter({ hasText: name });
  await expect(row).toContainText('account:read');
  await expect(row).toContainText('runs:read');
  await expect(row).toContainText('Never used');
  await settle(page);
  await page.screenshot({
    path: `dist/web-e2e/screenshots/account-${testInfo.project.name}.png`,
    fullPage: true,
  });
  await expectNoSeriousAxeViolations(page, testInfo);

  const me = await request.get('/api/me', { headers: { authorization: `Bearer ${secret}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).email).toBe(email);

  // The secret is gone after a reload; the token is listed with its last use.
  await page.reload();
  await expect(page.getByTestId('new-token')).toHaveCount(0);
  await expect(row).toContainText('Last used just now');

  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await row.getByRole('button', { name: `Confirm revoking ${name}` }).click();
  await expect(row).toHaveCount(0);
  const after = await request.get('/api/me', { headers: { authorization: `Bearer ${secret}` } });
  expect(after.status()).toBe(401);
});
