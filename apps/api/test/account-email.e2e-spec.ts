import { AuditEntry } from '@huntkit/api/audit';
import { type SmtpSink, waitFor } from '@huntkit/api/core/testing';
import { NotificationPreference } from '@huntkit/api/notifications';
import { Session } from '@huntkit/api/sessions';
import { User } from '@huntkit/api/users';
import type { ParsedMail } from 'mailparser';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSync } from 'otplib';
import { CookieJar } from './cookie-jar';
import { type MailedHarness, recipientOf, startMailedHarness } from './mailed-harness';
import { mailOutcome, mailQueueSettled } from './mail-queue';
import { tcpListener } from './run-targets';
import { PASSWORD, type SignedInHarness } from './signed-in-harness';

const STORAGE = mkdtempSync(join(tmpdir(), 'huntkit-account-e2e-'));
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

/** The token of the first link to `path` in a mail's text. */
const tokenIn = (mail: ParsedMail, path: string) =>
  new RegExp(`https?://\\S+${path}\\?token=([\\w%.-]+)`).exec(mail.text ?? '')?.[1];
const to = recipientOf;
const header = (mail: ParsedMail, name: string) =>
  mail.headerLines
    .find((line) => line.key === name)
    ?.line.slice(name.length + 1)
    .trim();

describe('email change, notification settings and security alerts (real SMTP, worker process)', () => {
  let mailed: MailedHarness;
  let harness: SignedInHarness;
  let sink: SmtpSink;

  beforeAll(async () => {
    mailed = await startMailedHarness('account_email_e2e', {
      TOOL_TARGETS_ALLOW_PRIVATE: 'true',
      RUN_STORAGE_DIR: STORAGE,
      RUN_FINISHED_MAIL_AFTER_SECONDS: '0',
    });
    ({ harness, sink } = mailed);
  });

  afterAll(async () => {
    await mailed?.close();
    rmSync(STORAGE, { recursive: true, force: true });
  });

  const post = (path: string, jar: CookieJar | undefined, json?: unknown) =>
    harness.call(path, { method: 'POST', jar, csrf: true, json });
  const auditCount = (userId: string, action: string) =>
    harness.em.fork().count(AuditEntry, { targetUserId: userId, action });
  const mailsTo = (address: string, subject: string) => mailed.received(address, subject);
  /** Makes the sign-ins of an account older than the re-authentication window. */
  const ageSignIns = (userId: string) =>
    harness.em
      .fork()
      .nativeUpdate(
        Session,
        { userId },
        { createdAt: new Date(Date.now() - 3600_000), reauthenticatedAt: null },
      );

  it('changes the address only after the new one confirms, ends the other sessions and tells both', async () => {
    const user = await harness.createUser('old@example.com');
    const here = await harness.signIn('old@example.com');
    const elsewhere = await harness.signIn('old@example.com');

    await ageSignIns(user.id);
    const stale = await post('/api/me/email-change', here, { newEmail: 'new@example.com' });
    expect(stale.body).toMatchObject({ status: 403, code: 'reauthentication_required' });
    expect((await post('/api/auth/reauth', here, { password: PASSWORD })).status).toBe(204);

    expect((await post('/api/me/email-change', here, { newEmail: 'not an address' })).body).toMatchObject({
      status: 422,
      errors: [expect.objectContaining({ field: 'newEmail' })],
    });
    expect((await post('/api/me/email-change', here, { newEmail: 'OLD@example.com' })).body).toMatchObject({
      status: 422,
      errors: [{ field: 'newEmail', pointer: '/newEmail', detail: 'This is already your address.' }],
    });

    // A double click: one request, one pair of mails, one audit row.
    const [first, second] = await Promise.all([
      post('/api/me/email-change', here, { newEmail: 'New@Example.com' }),
      post('/api/me/email-change', here, { newEmail: 'New@Example.com' }),
    ]);
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(first.body['newEmail']).toBe('new@example.com');
    expect(second.body['expiresAt']).toBe(first.body['expiresAt']);
    const expiresIn = Date.parse(String(first.body['expiresAt'])) - Date.now();
    expect(expiresIn).toBeGreaterThan(23.9 * 3600_000);
    expect(expiresIn).toBeLessThanOrEqual(24 * 3600_000);
    expect((await harness.call('/api/me/email-change', { jar: here })).body).toEqual({
      pending: { newEmail: 'new@example.com', expiresAt: first.body['expiresAt'] },
    });

    const confirmMail = await sink.waitForMail(
      (m) => to(m) === 'new@example.com' && m.subject === 'Confirm your new email address',
    );
    const notice = await sink.waitForMail(
      (m) => to(m) === 'old@example.com' && m.subject === 'A change of your email address was requested',
    );
    expect(notice.text).toContain('new@example.com');
    expect(tokenIn(notice, '/email-change/report')).toBeDefined();
    const token = tokenIn(confirmMail, '/email-change/confirm') ?? '';
    expect(token).not.toBe('');

    // Until then the old address is the account's.
    expect((await harness.call('/api/me', { jar: elsewhere })).body['email']).toBe('old@example.com');

    const confirmed = await post('/api/auth/email-change/confirm', here, { token });
    expect(confirmed.body).toEqual({ email: 'new@example.com', otherSessionsEnded: 1, signedIn: true });
    expect((await harness.call('/api/me', { jar: here })).body).toMatchObject({
      email: 'new@example.com',
      verified: true,
    });
    expect((await harness.call('/api/me', { jar: elsewhere })).status).toBe(401);
    expect((await post('/api/auth/email-change/confirm', undefined, { token })).body).toMatchObject({
      status: 400,
      code: 'email_change_link_invalid',
    });

    await sink.waitForMail(
      (m) => to(m) === 'old@example.com' && m.subject === 'Your email address was changed',
    );
    await sink.waitForMail(
      (m) => to(m) === 'new@example.com' && m.subject === 'Your email address was changed',
    );
    expect(mailsTo('new@example.com', 'Confirm your new email address')).toHaveLength(1);
    expect(mailsTo('old@example.com', 'A change of your email address was requested')).toHaveLength(1);
    expect(await auditCount(user.id, 'email_change.requested')).toBe(1);
    expect(await auditCount(user.id, 'email_change.confirmed')).toBe(1);
    // The old address signs in no more; the new one does.
    expect(
      (
        await harness.call('/api/auth/login', {
          method: 'POST',
          json: { email: 'old@example.com', password: PASSWORD },
        })
      ).status,
    ).toBe(401);
    await harness.signIn('new@example.com');
  });

  it('never reveals that the new address has an account, and cannot move onto it', async () => {
    await harness.createUser('taken@example.com');
    const user = await harness.createUser('mover@example.com');
    const jar = await harness.signIn('mover@example.com');
    const asked = await post('/api/me/email-change', jar, { newEmail: 'taken@example.com' });
    expect(asked.status).toBe(202);
    expect(asked.body['newEmail']).toBe('taken@example.com');
    const told = await sink.waitForMail(
      (m) => to(m) === 'taken@example.com' && m.subject === 'This address already has a Huntkit account',
    );
    expect(told.text).not.toMatch(/token=/);
    await sink.waitForMail(
      (m) => to(m) === 'mover@example.com' && m.text?.includes('taken@example.com') === true,
    );
    expect(mailsTo('taken@example.com', 'Confirm your new email address')).toHaveLength(0);
    expect((await harness.em.fork().findOneOrFail(User, { id: user.id })).email).toBe('mover@example.com');

    expect((await harness.call('/api/me/email-change', { method: 'DELETE', jar, csrf: true })).status).toBe(
      204,
    );
    expect((await harness.call('/api/me/email-change', { jar })).body).toEqual({ pending: null });
  });

  it('lets the old address undo a change it did not make, sign everyone out and reset the password', async () => {
    const user = await harness.createUser('victim@example.com');
    const attacker = await harness.signIn('victim@example.com');
    expect((await post('/api/me/email-change', attacker, { newEmail: 'thief@example.com' })).status).toBe(
      202,
    );
    const confirmMail = await sink.waitForMail((m) => to(m) === 'thief@example.com');
    const notice = await sink.waitForMail(
      (m) => to(m) === 'victim@example.com' && m.subject === 'A change of your email address was requested',
    );
    // Confirmed from a browser that is not signed in: every session ends.
    const confirmed = await post('/api/auth/email-change/confirm', new CookieJar(), {
      token: tokenIn(confirmMail, '/email-change/confirm'),
    });
    expect(confirmed.body).toMatchObject({
      email: 'thief@example.com',
      otherSessionsEnded: 1,
      signedIn: false,
    });
    const thiefAgain = await harness.signIn('thief@example.com');

    const report = await post('/api/auth/email-change/report', undefined, {
      token: decodeURIComponent(tokenIn(notice, '/email-change/report') ?? ''),
    });
    expect(report.body).toEqual({ restored: true });
    expect((await harness.em.fork().findOneOrFail(User, { id: user.id })).email).toBe('victim@example.com');
    expect((await harness.call('/api/me', { jar: thiefAgain })).status).toBe(401);
    const reset = await sink.waitForMail(
      (m) => to(m) === 'victim@example.com' && m.subject === 'Reset your password',
    );
    expect(reset.text).toMatch(/reset-password\?token=/);
    expect(await auditCount(user.id, 'email_change.reported')).toBe(1);
  });

  it('seeds the default notification settings with every new account', async () => {
    const registered = await harness.call('/api/auth/register', {
      method: 'POST',
      json: { email: 'seeded@example.com', password: PASSWORD, displayName: 'Seeded' },
    });
    expect(registered.status).toBe(202);
    const user = await harness.em.fork().findOneOrFail(User, { email: 'seeded@example.com' });
    const rows = await harness.em.fork().find(NotificationPreference, { userId: user.id });
    expect(Object.fromEntries(rows.map((row) => [row.category, row.enabled]))).toEqual({
      run_finished: true,
      low_credits: true,
      billing: true,
      blog_digest: false,
      product_news: false,
    });
  });

  it('keeps notification settings with defaults, and refuses to mute security alerts', async () => {
    await harness.createUser('prefs@example.com');
    const jar = await harness.signIn('prefs@example.com');
    const settings = await harness.call('/api/me/notifications', { jar });
    const enabled = (body: Record<string, unknown>) =>
      Object.fromEntries(
        (body['categories'] as { category: string; enabled: boolean }[]).map((c) => [c.category, c.enabled]),
      );
    expect(enabled(settings.body)).toEqual({
      security: true,
      run_finished: true,
      low_credits: true,
      billing: true,
      blog_digest: false,
      product_news: false,
    });
    const changed = await harness.call('/api/me/notifications', {
      method: 'PATCH',
      jar,
      csrf: true,
      json: { product_news: true, billing: false },
    });
    expect(enabled(changed.body)).toMatchObject({ product_news: true, billing: false, run_finished: true });
    expect(enabled((await harness.call('/api/me/notifications', { jar })).body)).toMatchObject({
      product_news: true,
      billing: false,
    });
    const refused = await harness.call('/api/me/notifications', {
      method: 'PATCH',
      jar,
      csrf: true,
      json: { security: false, billing: 'no' },
    });
    expect(refused.status).toBe(422);
    expect((refused.body['errors'] as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'billing',
      'security',
    ]);
  });

  it('mails a finished run with a one-click unsubscribe that works without a session; a muted category sends nothing', async () => {
    const email = `runner-${randomUUID().slice(0, 8)}@example.com`;
    await harness.createUser(email);
    const jar = await harness.signIn(email);
    const target = await tcpListener();
    try {
      const launch = () =>
        post(`/api/tools/port-scan/runs`, jar, {
          config: { target: '127.0.0.1', ports: String(target.port) },
          idempotencyKey: randomUUID(),
        });
      const first = await launch();
      expect(first.status).toBe(201);
      const mail = await sink.waitForMail(
        (m) => to(m) === email && /^Port scan on 127\.0\.0\.1/.test(m.subject ?? ''),
      );
      expect(mail.text).toContain(`/runs/${String(first.body['id'])}`);
      const oneClick = /^<(.+)>$/.exec(header(mail, 'list-unsubscribe') ?? '')?.[1] ?? '';
      expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

      // What a mail client does (RFC 8058): a form POST with no cookies and no CSRF token.
      const answer = await fetch(oneClick.replace(/^https?:\/\/[^/]+/, harness.baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({
        category: 'run_finished',
        label: 'Finished runs',
        enabled: false,
      });
      const settings = (await harness.call('/api/me/notifications', { jar })).body['categories'] as {
        category: string;
        enabled: boolean;
      }[];
      expect(settings.find((c) => c.category === 'run_finished')?.enabled).toBe(false);

      const second = await launch();
      await waitFor(
        async () => (await harness.call(`/api/runs/${String(second.body['id'])}`, { jar })).body['status'],
        (status) => status === 'succeeded',
      );
      // The worker handled the second run's mail by dropping it, and sent nothing.
      expect(await mailOutcome(harness.api, `run-finished:${String(second.body['id'])}`)).toEqual({
        skipped: 'run_finished is turned off',
      });
      expect(sink.messages.filter((m) => to(m) === email && m.subject?.startsWith('Port scan'))).toHaveLength(
        1,
      );
    } finally {
      await target.close();
    }
  });

  it('alerts on a sign-in from a new device once, and on two-factor turned on and off', async () => {
    const user = await harness.createUser('alerts@example.com');
    const jar = await harness.signIn('alerts@example.com');
    const firefox = async () =>
      harness.call('/api/auth/login', {
        method: 'POST',
        json: { email: 'alerts@example.com', password: PASSWORD },
        headers: { 'user-agent': FIREFOX },
      });
    expect((await firefox()).status).toBe(200);
    const alert = await sink.waitForMail(
      (m) => to(m) === 'alerts@example.com' && m.subject === 'New sign-in from Firefox 128 on Linux',
    );
    expect(alert.text).toContain('/account#sessions');
    expect((await firefox()).status).toBe(200);
    await harness.signIn('alerts@example.com'); // the first device again: known
    await mailQueueSettled(harness.api);
    expect(
      sink.messages.filter((m) => to(m) === 'alerts@example.com' && m.subject?.startsWith('New sign-in')),
    ).toHaveLength(1);

    const started = await post('/api/me/mfa/enrollment', jar);
    const secret = String(started.body['secret']);
    expect(
      (await post('/api/me/mfa/enrollment/confirm', jar, { code: generateSync({ secret }) })).status,
    ).toBe(201);
    await sink.waitForMail(
      (m) => to(m) === 'alerts@example.com' && m.subject === 'Two-factor authentication was turned on',
    );
    expect((await harness.call('/api/me/mfa', { method: 'DELETE', jar, csrf: true })).status).toBe(204);
    await sink.waitForMail(
      (m) => to(m) === 'alerts@example.com' && m.subject === 'Two-factor authentication was turned off',
    );
    expect(await auditCount(user.id, 'mfa.enabled')).toBe(1);
    expect(await auditCount(user.id, 'mfa.disabled')).toBe(1);
  });

  it('updates the display name and time zone, and validates both', async () => {
    await harness.createUser('profile@example.com');
    const jar = await harness.signIn('profile@example.com');
    const patch = (json: unknown) => harness.call('/api/me', { method: 'PATCH', jar, csrf: true, json });
    expect((await patch({ displayName: '  Ada L.  ', timeZone: 'Asia/Tokyo' })).body).toMatchObject({
      displayName: 'Ada L.',
      timeZone: 'Asia/Tokyo',
    });
    const refused = await patch({ displayName: '', timeZone: 'Mars/Olympus' });
    expect((refused.body['errors'] as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'displayName',
      'timeZone',
    ]);
    expect((await harness.call('/api/me', { jar })).body).toMatchObject({
      displayName: 'Ada L.',
      timeZone: 'Asia/Tokyo',
    });
  });
});
