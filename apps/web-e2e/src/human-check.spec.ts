import { expect, test } from '@playwright/test';
import { E2E_TURNSTILE } from '../playwright.config';
import { signUpVerified, TEST_PASSWORD } from './accounts';
import { linkFromMail } from './mail-outbox';
import { expectNoSeriousAxeViolations, settle } from './support';
import { useTurnstileStandIn } from './third-party-scripts';

const shot = (name: string, project: string) => `dist/web-e2e/screenshots/${name}-${project}.png`;
/** A page of the API instance that has Turnstile configured. */
const guarded = (path: string) => `${E2E_TURNSTILE.appUrl}${path}`;

test.describe('Cloudflare Turnstile, where the site has it configured', () => {
  test('sign-up refuses to go on without the check, and goes through with it', async ({ page }, testInfo) => {
    await useTurnstileStandIn(page);
    const email = `turnstile-${testInfo.project.name}-${Date.now()}@example.com`;
    await page.goto(guarded('/sign-up'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create your account');
    const check = page.getByRole('checkbox', { name: 'Verify you are human' });
    await expect(check).toBeVisible();
    await page.getByLabel('Name').fill('Human Hunter');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('plum tractor velvet 42');
    await page.getByLabel('Repeat the password').fill('plum tractor velvet 42');

    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('alert')).toContainText(
      'Complete the check that you are human, then try again.',
    );
    await check.check();
    await settle(page);
    await page.screenshot({ path: shot('sign-up-turnstile', testInfo.project.name), fullPage: true });
    await expectNoSeriousAxeViolations(page, testInfo);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your inbox');
    expect(await linkFromMail(email, '/verify-email?token=')).toContain(E2E_TURNSTILE.appUrl);
  });

  test('a check that fails verification blocks the request with a clear message', async ({ page }) => {
    await useTurnstileStandIn(page, 'fail');
    await page.goto(guarded('/forgot-password'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Forgot your password?');
    await page.getByLabel('Email').fill(`nobody-${Date.now()}@example.com`);
    await page.getByRole('checkbox', { name: 'Verify you are human' }).check();
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expect(page.getByRole('alert')).toContainText(
      'The check that you are human did not pass. Try it again.',
    );
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Forgot your password?');
    // The spent token is gone: the widget is ready for a new try.
    await expect(page.getByRole('checkbox', { name: 'Verify you are human' })).not.toBeChecked();
  });

  test('sign-in asks for the check only after repeated wrong passwords', async ({ page, request }) => {
    await useTurnstileStandIn(page);
    const { email } = await signUpVerified(request, 'Clumsy Hunter');
    await page.goto(guarded('/sign-in'));
    await page.getByLabel('Email').fill(email);
    const password = page.getByLabel('Password', { exact: true });
    const check = page.getByRole('checkbox', { name: 'Verify you are human' });
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await password.fill(`wrong password ${attempt}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert')).toContainText('The email or password is not right.');
      await expect(page.getByRole('button', { name: 'Sign in' })).not.toHaveAttribute('aria-busy', 'true');
      // Nobody is asked before the API asks: a right first password never meets the widget.
      await expect(check).toHaveCount(0);
    }
    await password.fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText(
      'Complete the check that you are human, then try again.',
    );
    await check.check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('button', { name: 'Account menu for Clumsy Hunter' })).toBeVisible();
  });
});

test('without Turnstile configured, no widget shows and nothing is loaded from Cloudflare', async ({
  page,
}) => {
  const cloudflare: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('challenges.cloudflare.com')) cloudflare.push(request.url());
  });
  for (const path of ['/sign-up', '/sign-in', '/forgot-password']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await settle(page);
    await expect(page.locator('hk-human-check *')).toHaveCount(0);
  }
  expect(cloudflare).toEqual([]);
});
