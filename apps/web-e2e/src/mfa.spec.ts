import { expect, test } from '@playwright/test';
import { generateSync } from 'otplib';
import { ageSignIns, signUpVerified, TEST_PASSWORD } from './accounts';
import { expectNoSeriousAxeViolations, settle } from './support';

const shot = (name: string, project: string) => `dist/web-e2e/screenshots/${name}-${project}.png`;

test('two-factor authentication is turned on in Account settings, then asked for at sign-in', async ({
  page,
}, testInfo) => {
  const { id, email } = await signUpVerified(page.request, 'Two Factor Hunter');
  await page.goto('/account#security');
  const security = page.getByRole('region', { name: 'Security' });
  await expect(security.getByRole('heading', { name: 'Two-factor authentication' })).toBeVisible();
  await expect(security).toContainText('Signing in needs only your password.');

  // The sign-in is now older than the API's re-authentication window, so turning 2FA on asks first.
  ageSignIns(id);
  await security.getByRole('button', { name: 'Turn on' }).click();
  const reauth = page.getByRole('dialog', { name: 'Confirm it’s you' });
  await reauth.getByLabel('Password').fill('not my password');
  await reauth.getByRole('button', { name: 'Confirm' }).click();
  await expect(reauth.getByRole('alert')).toContainText('That did not match. Try again.');
  await settle(page);
  await page.screenshot({ path: shot('mfa-reauth', testInfo.project.name) });
  await reauth.getByLabel('Password').fill(TEST_PASSWORD);
  await reauth.getByRole('button', { name: 'Confirm' }).click();
  await expect(reauth).toHaveCount(0);

  // Turn on: the key as typed into an app by hand, then a code from it.
  const enrolment = page.getByRole('dialog', { name: 'Turn on two-factor authentication' });
  await expect(enrolment.getByRole('img', { name: /QR code/ })).toBeVisible();
  const secret = (await enrolment.getByTestId('mfa-secret').textContent())?.replace(/\s+/g, '') ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await enrolment.getByLabel('Code from your app').fill(generateSync({ secret }));
  await settle(page);
  await page.screenshot({ path: shot('mfa-enrolment', testInfo.project.name) });
  await enrolment.getByRole('button', { name: 'Turn on', exact: true }).click();

  // The backup codes, shown once, and kept until their saving is acknowledged.
  const codes = page.getByRole('dialog', { name: 'Save your backup codes' });
  await expect(codes.getByRole('list', { name: 'Backup codes' }).getByRole('listitem')).toHaveCount(10);
  const done = codes.getByRole('button', { name: 'Done' });
  await expect(done).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(codes).toBeVisible();
  await settle(page);
  await page.screenshot({ path: shot('mfa-backup-codes', testInfo.project.name) });
  await expectNoSeriousAxeViolations(page, testInfo);
  await codes.getByRole('checkbox', { name: 'I saved these codes somewhere safe' }).check();
  await done.click();
  await expect(codes).toHaveCount(0);

  await expect(security).toContainText('On');
  await expect(security).toContainText('10 backup codes left');
  await expect(security.getByRole('button', { name: 'New backup codes' })).toBeVisible();
  await settle(page);
  await security.screenshot({ path: shot('mfa-security', testInfo.project.name) });
  await expectNoSeriousAxeViolations(page, testInfo);

  await page.getByRole('button', { name: 'Account menu for Two Factor Hunter' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/$/);

  // The password alone no longer signs in: the second step asks for the app's code.
  await page.goto('/sign-in?returnUrl=/account');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Two-step verification');
  await expect(page.getByText('Enter the 6-digit code from your authenticator app.')).toBeVisible();
  const code = page.getByLabel('Code from your app');
  await expect(code).toBeFocused();
  await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(code).toHaveAttribute('inputmode', 'numeric');
  await settle(page);
  await page.screenshot({ path: shot('mfa-sign-in-code', testInfo.project.name), fullPage: true });
  await expectNoSeriousAxeViolations(page, testInfo);

  await code.fill('000000');
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('4 tries left.');

  // The enrolment spent this 30-second step's code; the next step's is the one an app shows soon after.
  await code.fill(generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('button', { name: 'Account menu for Two Factor Hunter' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Security' })).toContainText('10 backup codes left');
});
