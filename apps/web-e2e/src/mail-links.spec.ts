import { expect, type Page, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import { signUpVerified } from './accounts';
import { linkFromMail } from './mail-outbox';
import { expectNoSeriousAxeViolations, settle } from './support';

const shot = (name: string, project: string) => `dist/web-e2e/screenshots/${name}-${project}.png`;
const pathOf = (link: string) => new URL(link).pathname + new URL(link).search;

let clients = 0;
/** A client address of its own per set-up call, apart from the ones accounts.ts hands out. */
const fromNewClient = () => ({ 'x-forwarded-for': `198.51.100.${(clients = (clients % 250) + 1)}` });

/** The headers of a state-changing call made with the page's cookies (the API checks the XSRF token). */
async function writeHeaders(page: Page): Promise<Record<string, string>> {
  const xsrf = (await page.context().cookies()).find((cookie) => cookie.name === 'XSRF-TOKEN')?.value;
  expect(xsrf, 'the signed-in page has an XSRF-TOKEN cookie').toBeTruthy();
  return { 'x-xsrf-token': xsrf ?? '', ...fromNewClient() };
}

test('a hunter confirms a new email address from its mail, and the old address stops the change', async ({
  page,
  browser,
}, testInfo) => {
  const project = testInfo.project.name;
  const { email: oldEmail } = await signUpVerified(page.request, 'Mover');
  const newEmail = `moved-${project}-${Date.now()}@example.com`;
  const requested = await page.request.post('/api/me/email-change', {
    data: { newEmail },
    headers: await writeHeaders(page),
  });
  expect(requested.status()).toBe(202);

  await page.goto(pathOf(await linkFromMail(newEmail, '/email-change/confirm')));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Email address changed');
  await expect(page.getByRole('status')).toContainText(`Your email address is now ${newEmail}`);
  await expect(page.getByText('This browser stays signed in.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Account menu for Mover' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Back to account settings' })).toHaveAttribute(
    'href',
    '/account',
  );
  await settle(page);
  await page.screenshot({ path: shot('email-change-confirmed', project), fullPage: true });
  await expectNoSeriousAxeViolations(page, testInfo);

  // The owner of the old address never asked: they open the link of the notice on another device.
  const reportLink = pathOf(await linkFromMail(oldEmail, '/email-change/report'));
  const elsewhere = await browser.newContext({ viewport: page.viewportSize() });
  try {
    const other = await elsewhere.newPage();
    await other.goto(reportLink);
    await expect(other.getByRole('heading', { level: 1 })).toHaveText('Was this not you?');
    await settle(other);
    await other.screenshot({ path: shot('email-change-report', project), fullPage: true });
    await expectNoSeriousAxeViolations(other, testInfo);
    await other.getByRole('button', { name: 'Stop the change and sign out everywhere' }).click();
    await expect(other.getByRole('heading', { level: 1 })).toHaveText('Done');
    await expect(other.getByText('Every session was signed out.')).toBeVisible();
    await expect(other.getByText('Your old address was put back.')).toBeVisible();
    await expect(other.getByRole('link', { name: 'Ask for a new reset link' })).toHaveAttribute(
      'href',
      '/forgot-password',
    );
    await settle(other);
    await other.screenshot({ path: shot('email-change-reported', project), fullPage: true });
    await expectNoSeriousAxeViolations(other, testInfo);
  } finally {
    await elsewhere.close();
  }
  // The promised reset link reached the old address, and the first browser was signed out.
  expect(await linkFromMail(oldEmail, '/reset-password?token=')).toContain('/reset-password?token=');
  expect((await page.request.get('/api/me')).status()).toBe(401);
});

test('an unsubscribe link that is not valid says so', async ({ page }, testInfo) => {
  await page.goto('/unsubscribe?token=bogus');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link did not work');
  await expect(page.getByRole('alert')).toContainText('This unsubscribe link is not valid.');
  await expect(page.getByRole('link', { name: 'Manage all notifications' })).toHaveAttribute(
    'href',
    '/account#notifications',
  );
  await settle(page);
  await page.screenshot({ path: shot('unsubscribe-invalid', testInfo.project.name), fullPage: true });
  await expectNoSeriousAxeViolations(page, testInfo);
});

test('a hunter unsubscribes from finished-run mails from the link in one, and undoes it', async ({
  page,
}, testInfo) => {
  const project = testInfo.project.name;
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  try {
    const { email } = await signUpVerified(page.request, 'Quiet Hunter');
    const launched = await page.request.post('/api/tools/port-scan/runs', {
      data: { config: { target: '127.0.0.1', ports: `${port}` }, idempotencyKey: randomUUID() },
      headers: await writeHeaders(page),
    });
    expect(launched.status()).toBe(201);
    const link = pathOf(await linkFromMail(email, '/unsubscribe?token=', 60_000));
    expect(link).toMatch(/^\/unsubscribe\?token=/);

    await page.goto(link);
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toHaveText('Unsubscribe from “Finished runs”?');
    await settle(page);
    await page.screenshot({ path: shot('unsubscribe', project), fullPage: true });
    await expectNoSeriousAxeViolations(page, testInfo);

    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect(heading).toHaveText('You are unsubscribed');
    await expect(page.getByText('You will no longer get “Finished runs” mails.')).toBeVisible();
    // The same button now undoes, so keyboard focus is not lost.
    await expect(page.getByRole('button', { name: 'Undo' })).toBeFocused();
    await expect(page.getByRole('link', { name: 'Manage all notifications' })).toBeVisible();
    await settle(page);
    await page.screenshot({ path: shot('unsubscribed', project), fullPage: true });
    await expectNoSeriousAxeViolations(page, testInfo);

    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(heading).toHaveText('You are subscribed again');
    await expect(page.getByText('“Finished runs” mails are on again.')).toBeVisible();
    await settle(page);
    await page.screenshot({ path: shot('resubscribed', project), fullPage: true });
    await expectNoSeriousAxeViolations(page, testInfo);
    const settings = await (await page.request.get('/api/me/notifications')).json();
    expect(settings.categories).toContainEqual(
      expect.objectContaining({ category: 'run_finished', enabled: true }),
    );

    // Opened again once the mails are off, the link says so and offers to turn them back on.
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect(heading).toHaveText('You are unsubscribed');
    await page.reload();
    await expect(heading).toHaveText('You are already unsubscribed');
    await expect(page.getByRole('button', { name: 'Turn back on' })).toBeVisible();
    await settle(page);
    await page.screenshot({ path: shot('unsubscribe-already', project), fullPage: true });
  } finally {
    server.close();
  }
});
