import { expect, test } from '@playwright/test';
import { signIn, signUpVerified } from './accounts';
import { expectNoSeriousAxeViolations, settle } from './support';

const shot = (name: string, project: string) => `dist/web-e2e/screenshots/${name}-${project}.png`;
const SECTIONS = ['Profile', 'Security', 'Sessions', 'Connected accounts', 'Notifications', 'API tokens'];

test('every settings section is on one page, and the profile keeps a new name and time zone', async ({
  page,
}, testInfo) => {
  await signUpVerified(page.request, 'Settings Hunter');
  await page.goto('/account');
  const nav = page.getByRole('navigation', { name: 'Settings sections' });
  await expect(nav.getByRole('link')).toHaveText(SECTIONS);

  const profile = page.getByRole('region', { name: 'Profile' });
  await profile.getByLabel('Display name').fill('Renamed Hunter');
  const zone = profile.getByLabel('Time zone');
  await zone.fill('kolkata');
  await page.getByRole('option', { name: /Asia\/Kolkata\s*UTC\+05:30/ }).click();
  await expect(zone).toHaveValue('Asia/Kolkata');
  await profile.getByRole('button', { name: 'Save profile' }).click();
  await expect(profile.getByRole('status')).toHaveText('Profile saved.');
  await expect(page.getByRole('button', { name: 'Account menu for Renamed Hunter' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('region', { name: 'Profile' }).getByLabel('Time zone')).toHaveValue(
    'Asia/Kolkata',
  );

  // A zone that is not in the list is refused before it reaches the API.
  await zone.fill('Mars/Olympus');
  await profile.getByRole('button', { name: 'Save profile' }).click();
  await expect(profile.getByRole('alert')).toContainText('Pick a time zone from the list');
  await zone.fill('Asia/Kolkata');

  // Notifications: security alerts cannot be turned off; the rest save at once.
  const notifications = page.getByRole('region', { name: 'Notifications' });
  await expect(notifications.getByRole('switch', { name: 'Security alerts' })).toBeDisabled();
  await expect(notifications.getByRole('switch', { name: 'Security alerts' })).toBeChecked();
  const news = notifications.getByRole('switch', { name: 'Product news' });
  await expect(news).not.toBeChecked();
  await news.click();
  await expect(news).toBeChecked();
  await page.reload();
  await expect(
    page.getByRole('region', { name: 'Notifications' }).getByRole('switch', { name: 'Product news' }),
  ).toBeChecked();

  // The email change waits for the new address and can be withdrawn.
  const email = page.getByRole('region', { name: 'Profile' });
  await email.getByRole('button', { name: 'Change email' }).click();
  await email.getByLabel('New email address').fill(`moved-${Date.now()}@example.com`);
  await email.getByRole('button', { name: 'Send confirmation link' }).click();
  await expect(email.getByRole('status').filter({ hasText: 'Waiting for moved-' })).toBeVisible();

  // The history is read when the page opens; after a reload it shows the request too, and the
  // pending change is still there.
  await page.reload();
  await expect(email.getByRole('status').filter({ hasText: 'Waiting for moved-' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Security activity' })).toContainText('Email change requested');
  await expect(page.getByRole('list', { name: 'Security activity' })).toContainText('Signed in');

  await settle(page);
  for (const name of SECTIONS) {
    const slug = name.toLowerCase().replace(/\s+/g, '-');
    await page
      .getByRole('region', { name })
      .screenshot({ path: shot(`account-${slug}`, testInfo.project.name) });
  }
  await expectNoSeriousAxeViolations(page, testInfo);

  await email.getByRole('button', { name: 'Withdraw' }).click();
  await expect(email.getByRole('button', { name: 'Change email' })).toBeVisible();
});

test('signing out another browser from Sessions ends its session at its next request', async ({
  page,
  browser,
}, testInfo) => {
  const { email } = await signUpVerified(page.request, 'Two Browsers');
  const other = await browser.newContext({ viewport: page.viewportSize() ?? undefined });
  try {
    const otherPage = await other.newPage();
    await signIn(otherPage.request, email);
    await otherPage.goto('/account');
    await expect(otherPage.getByRole('heading', { name: 'Account settings' })).toBeVisible();

    await page.goto('/account#sessions');
    const sessions = page.getByRole('list', { name: 'Signed-in sessions' });
    await expect(sessions.getByRole('listitem')).toHaveCount(2);
    await expect(sessions.getByRole('listitem').first()).toContainText('This device');
    await settle(page);
    await page
      .getByRole('region', { name: 'Sessions' })
      .screenshot({ path: shot('account-sessions-two', testInfo.project.name) });
    await sessions.getByRole('button', { name: /^Sign out / }).click();
    await expect(sessions.getByRole('listitem')).toHaveCount(1);

    // The other browser finds out on its next request: the page sends it to sign in.
    await otherPage.reload();
    await expect(otherPage).toHaveURL(/\/sign-in/);
    await expect(page.getByRole('heading', { name: 'Account settings' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('list', { name: 'Signed-in sessions' }).getByRole('listitem')).toHaveCount(1);
  } finally {
    await other.close();
  }
});
