import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { asDemoAdmin, signUpVerified } from './accounts';
import { expectNoSeriousAxeViolations, settle } from './support';

const shot = (name: string, project: string) => `dist/web-e2e/screenshots/${name}-${project}.png`;

test('a free user sees the plan, the daily credits, and that billing is not configured here', async ({
  page,
}, testInfo) => {
  await signUpVerified(page.request, 'Free Hunter');
  await page.goto('/billing');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Billing & plan');
  const plan = page.getByRole('region', { name: 'Plan', exact: true });
  await expect(plan).toContainText('Free');
  await expect(plan.getByRole('button', { name: /Upgrade to Pro · \$25\/month/ })).toBeDisabled();
  await expect(plan.getByRole('note')).toContainText('Billing is not configured on this server');

  const credits = page.getByRole('region', { name: 'Credits', exact: true });
  await expect(credits).toContainText('10 available');
  await expect(credits).toContainText('Daily free');
  await expect(page.getByRole('link', { name: /^10 credits: billing and plan/ })).toBeVisible();
  for (const [credits, price] of [
    ['100', '$25'],
    ['200', '$40'],
    ['500', '$90'],
  ]) {
    await expect(page.getByRole('button', { name: `Buy ${credits} credits for ${price}` })).toBeDisabled();
  }
  await expect(page.getByText('No credits spent in the last 30 days.')).toBeVisible();
  await expect(page.getByRole('table')).toContainText('Daily free credits');

  await settle(page);
  await page.screenshot({ path: shot('billing-free', testInfo.project.name), fullPage: true });
  await expectNoSeriousAxeViolations(page, testInfo);
});

test('a user given Pro sees it, with its renewal date and the month’s credits', async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  const user = await signUpVerified(page.request, 'Pro Hunter');
  const admin = await playwright.request.newContext({ baseURL });
  const until = new Date(Date.now() + 20 * 24 * 3600_000);
  await asDemoAdmin(admin, 'POST', `/api/admin/users/${user.id}/pro`, {
    until: until.toISOString(),
    reason: 'Playwright Pro user',
    idempotencyKey: randomUUID(),
  });
  await admin.dispose();

  await page.goto('/billing');
  const plan = page.getByRole('region', { name: 'Plan', exact: true });
  await expect(plan).toContainText('Pro');
  await expect(plan).toContainText('Given by the Huntkit team until');
  await expect(plan.getByRole('button', { name: /Upgrade to Pro/ })).toHaveCount(0);
  const credits = page.getByRole('region', { name: 'Credits', exact: true });
  await expect(credits).toContainText('110 available');
  await expect(credits).toContainText('Pro monthly');
  await page.getByRole('radio', { name: 'Added' }).click();
  await expect(page.getByRole('table')).toContainText('Playwright Pro user');

  // The account menu leads here too.
  await page.goto('/tools');
  await page.getByRole('button', { name: /account menu for Pro Hunter/ }).click();
  await page.getByRole('menuitem', { name: 'Billing & plan' }).click();
  await expect(page).toHaveURL(/\/billing$/);
  await settle(page);
  await page.screenshot({ path: shot('billing-pro', testInfo.project.name), fullPage: true });
});
