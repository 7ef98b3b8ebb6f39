import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { generateSync } from 'otplib';
import { E2E_GITHUB, E2E_GOOGLE, E2E_TURNSTILE } from '../playwright.config';
import { signUpVerified, TEST_PASSWORD } from './accounts';
import { expectNoSeriousAxeViolations, settle } from './support';
import { useGoogleOneTapStandIn } from './third-party-scripts';

const shot = (name: string, project: string) => `dist/web-e2e/screenshots/${name}-${project}.png`;

let accounts = 0;
/** An address and provider id no other test (or earlier run against the same database) uses. */
function unique(project: string): { id: string; email: string } {
  const id = `${project}-${Date.now()}-${(accounts += 1)}`;
  return { id, email: `social-${id}@example.com` };
}

async function control(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, { method: 'POST', body: JSON.stringify(body) });
  expect(response.status, `${url}: ${await response.text()}`).toBe(204);
}

/**
 * Adds an account at the Google stand-in and makes it the one this browser signs in as. Tests run in
 * parallel, so the choice is a cookie of the test's own browser rather than the stand-in's /test/login.
 */
async function googleAccount(
  context: BrowserContext,
  claims: { sub: string; email: string; email_verified: boolean; name: string },
): Promise<void> {
  await control(`${E2E_GOOGLE.url}/test/accounts`, claims);
  await context.addCookies([{ name: 'stand_in_login', value: claims.sub, url: E2E_GOOGLE.url }]);
}

/** An ID token for these claims signed by the Google stand-in's key, as One Tap hands a page. */
async function googleIdToken(claims: { sub: string; email: string; email_verified: boolean; name: string }) {
  const response = await fetch(`${E2E_GOOGLE.url}/test/id-token`, {
    method: 'POST',
    body: JSON.stringify({ claims }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

/** Adds a user at the GitHub stand-in and makes it the one this browser signs in as. */
async function githubUser(
  context: BrowserContext,
  user: { id: number; login: string; name: string; email: string },
): Promise<void> {
  await control(`${E2E_GITHUB.url}/test/users`, {
    id: user.id,
    login: user.login,
    name: user.name,
    emails: [{ email: user.email, primary: true, verified: true }],
  });
  await context.addCookies([{ name: 'stand_in_github_user', value: String(user.id), url: E2E_GITHUB.url }]);
}

/** The headers of a state-changing call made with the page's cookies (the API checks the XSRF token). */
async function writeHeaders(page: Page): Promise<Record<string, string>> {
  const xsrf = (await page.context().cookies()).find((cookie) => cookie.name === 'XSRF-TOKEN')?.value;
  expect(xsrf, 'the signed-in page has an XSRF-TOKEN cookie').toBeTruthy();
  return { 'x-xsrf-token': xsrf ?? '' };
}

test.describe('sign in with Google and GitHub', () => {
  test('the sign-in and sign-up pages offer both providers above the email form', async ({
    page,
  }, testInfo) => {
    const project = testInfo.project.name;
    for (const { name, path, heading } of [
      { name: 'sign-in-social', path: '/sign-in', heading: 'Sign in to Huntkit' },
      { name: 'sign-up-social', path: '/sign-up', heading: 'Create your account' },
    ]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      const google = page.getByRole('link', { name: 'Continue with Google' });
      const github = page.getByRole('link', { name: 'Continue with GitHub' });
      await expect(google).toHaveAttribute('href', '/api/auth/google/start?returnTo=%2Ftools');
      await expect(github).toHaveAttribute('href', '/api/auth/github/start?returnTo=%2Ftools');
      await expect(page.getByText('or', { exact: true })).toBeVisible();
      await settle(page);
      await page.screenshot({ path: shot(name, project), fullPage: true });
      await expectNoSeriousAxeViolations(page, testInfo);
    }
  });

  test('"Continue with Google" signs a new hunter in and lands on the page that asked for it', async ({
    page,
  }) => {
    const { id, email } = unique(test.info().project.name);
    await googleAccount(page.context(), {
      sub: `google-${id}`,
      email,
      email_verified: true,
      name: 'Googling Hunter',
    });

    await page.goto('/sign-in?returnUrl=/account');
    await page.getByRole('link', { name: 'Continue with Google' }).click();
    await expect(page).toHaveURL(/\/account$/);
    const account = page.getByRole('button', { name: 'Account menu for Googling Hunter' });
    await expect(account).toBeVisible();
    // Signed in by cookies like any sign-in: a reload keeps it.
    await page.reload();
    await expect(account).toBeVisible();
    const me = await (await page.request.get('/api/me')).json();
    expect(me).toMatchObject({ email, displayName: 'Googling Hunter', verified: true });
  });

  test('"Continue with GitHub" on the sign-up page creates a verified account at the first sign-in', async ({
    page,
  }) => {
    const { email } = unique(test.info().project.name);
    const githubId = 7_000_000 + Math.floor(Math.random() * 1_000_000);
    await githubUser(page.context(), { id: githubId, login: `octo-${githubId}`, name: 'Octo Hunter', email });

    await page.goto('/sign-up');
    await page.getByRole('link', { name: 'Continue with GitHub' }).click();
    await expect(page).toHaveURL(/\/tools$/);
    await expect(page.getByRole('button', { name: 'Account menu for Octo Hunter' })).toBeVisible();
    const me = await (await page.request.get('/api/me')).json();
    expect(me).toMatchObject({ email, displayName: 'Octo Hunter', verified: true });
  });

  test('an account with two-factor authentication is asked for its code after Google', async ({
    page,
  }, testInfo) => {
    // A hunter with a password and 2FA, whose Google account has the same (verified) address.
    const { email } = await signUpVerified(page.request, 'Guarded Googler');
    const enrolment = await page.request.post('/api/me/mfa/enrollment', {
      headers: await writeHeaders(page),
    });
    expect(enrolment.status()).toBe(201);
    const { secret } = (await enrolment.json()) as { secret: string };
    const confirmed = await page.request.post('/api/me/mfa/enrollment/confirm', {
      headers: await writeHeaders(page),
      data: { code: generateSync({ secret }) },
    });
    expect(confirmed.status()).toBe(201);
    await page.context().clearCookies();
    await googleAccount(page.context(), {
      sub: `google-${unique(testInfo.project.name).id}`,
      email,
      email_verified: true,
      name: 'Guarded Googler',
    });

    await page.goto('/sign-in?returnUrl=/account');
    await page.getByRole('link', { name: 'Continue with Google' }).click();
    await expect(page).toHaveURL(/\/sign-in\?challenge=/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Two-step verification');
    const code = page.getByLabel('Code from your app');
    await expect(code).toBeFocused();
    // The enrolment spent this 30-second step's code; the next step's is the one an app shows soon after.
    await code.fill(generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole('button', { name: 'Account menu for Guarded Googler' })).toBeVisible();
    // The account's own history tells how it was signed in to, and that Google was connected.
    const activity = page.getByRole('list', { name: 'Security activity' });
    await expect(activity).toContainText('Signed in with Google and two-factor');
    await expect(activity).toContainText('Sign-in connected (Google)');
  });

  test('Google One Tap signs a hunter in from the prompt on the sign-in page', async ({ page }, testInfo) => {
    const { id, email } = unique(testInfo.project.name);
    const name = 'Tapping Hunter';
    const credential = await googleIdToken({ sub: `one-tap-${id}`, email, email_verified: true, name });
    await useGoogleOneTapStandIn(page, credential, { name, email });

    await page.goto('/sign-in?returnUrl=/account');
    const prompt = page.getByRole('dialog', { name: 'Sign in to Huntkit with google.com' });
    await expect(prompt).toBeVisible();
    await settle(page);
    await page.screenshot({ path: shot('sign-in-one-tap', testInfo.project.name) });
    await prompt.getByRole('button', { name: 'Continue as Tapping' }).click();

    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole('button', { name: `Account menu for ${name}` })).toBeVisible();
    const section = page.getByRole('region', { name: 'Connected accounts' });
    await expect(section).toContainText(`Connected as ${email}`);
    expect((await (await page.request.get('/api/me')).json()).email).toBe(email);
  });

  test('a refused sign-in at the provider is explained on the sign-in page', async ({ page }, testInfo) => {
    await page.goto('/sign-in?error=provider_refused');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Huntkit');
    await expect(page.getByRole('alert')).toHaveText(
      /The provider did not confirm your sign-in, or it was cancelled\. Try again\./,
    );
    await expect(page.getByRole('link', { name: 'Continue with Google' })).toBeVisible();
    await settle(page);
    await page.screenshot({ path: shot('sign-in-social-error', testInfo.project.name), fullPage: true });
    await expectNoSeriousAxeViolations(page, testInfo);
  });

  test('Connected accounts connects GitHub from the settings and disconnects it again', async ({
    page,
  }, testInfo) => {
    const { email } = await signUpVerified(page.request, 'Connecting Hunter');
    const githubId = 8_000_000 + Math.floor(Math.random() * 1_000_000);
    await githubUser(page.context(), {
      id: githubId,
      login: `linker-${githubId}`,
      name: 'Linker',
      email: `gh-${githubId}@example.com`,
    });
    await page.goto('/account#connected-accounts');
    const section = page.getByRole('region', { name: 'Connected accounts' });
    await expect(section.getByRole('button', { name: 'Connect Google' })).toBeVisible();
    await section.getByRole('button', { name: 'Connect GitHub' }).click();

    // Off to GitHub and back: the section says so and the row shows the GitHub address.
    await expect(page).toHaveURL(/\/account\?linked=github#connected-accounts$/);
    await expect(section.getByText('GitHub is connected. You can now sign in with it.')).toBeVisible();
    await expect(section).toContainText(`Connected as gh-${githubId}@example.com`);
    await settle(page);
    await section.screenshot({ path: shot('account-connected-accounts-linked', testInfo.project.name) });
    await expectNoSeriousAxeViolations(page, testInfo);

    await section.getByRole('button', { name: 'Disconnect GitHub' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Disconnect' }).click();
    await expect(section.getByRole('button', { name: 'Connect GitHub' })).toBeVisible();
    // The security history further down the page shows both changes without a reload.
    const activity = page.getByRole('list', { name: 'Security activity' });
    await expect(activity).toContainText('Sign-in removed (GitHub)');
    await expect(activity).toContainText('Sign-in connected (GitHub)');
    expect((await (await page.request.get('/api/me')).json()).email).toBe(email);
  });
});

test('a site without Google or GitHub credentials offers neither, on the sign-in pages or in the settings', async ({
  page,
  request,
}, testInfo) => {
  // The suite's second API has Turnstile configured and no sign-in providers.
  const { email } = await signUpVerified(request, 'Plain Hunter');
  const google: string[] = [];
  page.on('request', (sent) => {
    if (sent.url().includes('accounts.google.com')) google.push(sent.url());
  });
  await page.goto(`${E2E_TURNSTILE.appUrl}/sign-up`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create your account');
  await expect(page.locator('hk-social-sign-in')).toBeEmpty();
  await page.goto(`${E2E_TURNSTILE.appUrl}/sign-in?returnUrl=/account`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Huntkit');
  await expect(page.getByRole('link', { name: /Continue with/ })).toHaveCount(0);
  await expect(page.getByText('or', { exact: true })).toHaveCount(0);
  await settle(page);
  await page.screenshot({ path: shot('sign-in-no-providers', testInfo.project.name), fullPage: true });

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
  const section = page.getByRole('region', { name: 'Connected accounts' });
  await expect(section.getByRole('listitem')).toHaveCount(2);
  await expect(section.getByText('Not available on this site')).toHaveCount(2);
  await expect(section.getByRole('button', { name: /^Connect / })).toHaveCount(0);
  expect(google).toEqual([]);
});
