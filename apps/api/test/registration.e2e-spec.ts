import { APP_VERSION, createHttpApp, createLogger } from '@huntkit/api/core';
import { prepareTestEnvironment, type SmtpSink, startSmtpSink } from '@huntkit/api/core/testing';
import { DATABASE_SCHEMA } from '@huntkit/api/database';
import { EmailToken } from '@huntkit/api/auth';
import { EntityManager } from '@mikro-orm/postgresql';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../src/app.module';
import { CookieJar } from './cookie-jar';
import { listenOnFreePort } from './http-client';
import { mailQueueSettled } from './mail-queue';
import { envFor, type RunningProcess, startBuilt } from './processes';

describe('sign-up and email verification (real SMTP, worker process)', () => {
  let api: NestFastifyApplication;
  let worker: RunningProcess;
  let sink: SmtpSink;
  let baseUrl: string;
  let clients = 0;

  async function call(path: string, init: { method?: string; json?: unknown; jar?: CookieJar } = {}) {
    clients += 1;
    const headers: Record<string, string> = { 'x-forwarded-for': `203.0.113.${clients % 250}` };
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    if (init.jar?.header()) headers['cookie'] = init.jar.header();
    const response = await fetch(`${baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
    init.jar?.store(response.headers);
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  }

  const linkIn = (text: string | undefined) =>
    /https?:\/\/\S+verify-email\?token=([\w-]+)/.exec(text ?? '')?.[1];

  beforeAll(async () => {
    sink = await startSmtpSink();
    const config = await prepareTestEnvironment({
      label: 'registration_e2e',
      schema: DATABASE_SCHEMA,
      env: { SMTP_URL: sink.url, TRUST_PROXY: '127.0.0.1', APP_URL: 'http://127.0.0.1:4399' },
    });
    api = await createHttpApp(AppModule.forRoot(config), config, {
      version: APP_VERSION,
      logger: createLogger('silent', 'api'),
    });
    baseUrl = await listenOnFreePort(api);
    worker = startBuilt('worker', envFor(config, { SMTP_URL: sink.url }));
    await worker.waitForLog('worker ready');
  });

  afterAll(async () => {
    worker?.kill();
    await worker?.finished;
    await api?.close();
    await sink?.close();
  });

  it('registers, mails a link, verifies it once, and signs the new account in', async () => {
    const registered = await call('/api/auth/register', {
      method: 'POST',
      json: {
        email: 'Nia@Example.com',
        password: 'plum tractor velvet 42',
        displayName: ' Nia ',
        timeZone: 'Asia/Kolkata',
      },
    });
    expect(registered.status).toBe(202);
    expect(registered.body).toMatchObject({ status: 'check_your_email' });
    const mail = await sink.waitForMail(
      (m) => m.subject === 'Confirm your email address' && (m.text ?? '').includes('Hi Nia,'),
    );
    const token = linkIn(mail.text);
    expect(mail.text).toContain('http://127.0.0.1:4399/verify-email?token=');
    expect(token).toBeDefined();

    const unverified = await call('/api/auth/login', {
      method: 'POST',
      json: { email: 'nia@example.com', password: 'plum tractor velvet 42' },
    });
    expect(unverified.body).toMatchObject({ code: 'email_not_verified' });

    const jar = new CookieJar();
    const verified = await call('/api/auth/verify-email', { method: 'POST', json: { token }, jar });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      status: 'signed_in',
      user: { email: 'nia@example.com', displayName: 'Nia', verified: true, timeZone: 'Asia/Kolkata' },
    });
    expect((await call('/api/me', { jar })).status).toBe(200);
    expect((await call('/api/auth/verify-email', { method: 'POST', json: { token } })).body).toMatchObject({
      status: 400,
      code: 'verification_link_invalid',
    });
  });

  it('answers a sign-up for a taken address exactly like a new one, and warns the owner', async () => {
    const first = await call('/api/auth/register', {
      method: 'POST',
      json: { email: 'owner@example.com', password: 'plum tractor velvet 43', displayName: 'Owner' },
    });
    const again = await call('/api/auth/register', {
      method: 'POST',
      json: { email: 'OWNER@example.com', password: 'another fine passphrase', displayName: 'Intruder' },
    });
    expect([again.status, again.body]).toEqual([first.status, first.body]);
    const warning = await sink.waitForMail((m) => m.subject === 'Someone tried to sign up with your email');
    expect(warning.text).toContain('Hi Owner,');
  });

  it('rejects weak passwords and bad fields with 422 and per-field messages', async () => {
    const res = await call('/api/auth/register', {
      method: 'POST',
      json: { email: 'not-an-email', password: 'password1', displayName: '', timeZone: 'Mars/Olympus' },
    });
    expect(res.status).toBe(422);
    expect((res.body['errors'] as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'displayName',
      'email',
      'password',
      'timeZone',
    ]);
  });

  it('refuses an expired link', async () => {
    await call('/api/auth/register', {
      method: 'POST',
      json: { email: 'late@example.com', password: 'plum tractor velvet 44', displayName: 'Late' },
    });
    const mail = await sink.waitForMail((m) => (m.text ?? '').includes('Hi Late,'));
    await api
      .get(EntityManager)
      .fork()
      .nativeUpdate(
        EmailToken,
        { purpose: 'verify_email', usedAt: null },
        { expiresAt: new Date(Date.now() - 1000) },
      );
    expect(
      (await call('/api/auth/verify-email', { method: 'POST', json: { token: linkIn(mail.text) } })).body,
    ).toMatchObject({ code: 'verification_link_invalid' });
  });

  it('resends the same way for every address, at most once a minute per address', async () => {
    await call('/api/auth/register', {
      method: 'POST',
      json: { email: 'slow@example.com', password: 'plum tractor velvet 45', displayName: 'Slow' },
    });
    await sink.waitForMail((m) => (m.text ?? '').includes('Hi Slow,'));
    const known = await call('/api/auth/resend-verification', {
      method: 'POST',
      json: { email: 'slow@example.com' },
    });
    const unknown = await call('/api/auth/resend-verification', {
      method: 'POST',
      json: { email: 'ghost@example.com' },
    });
    expect([known.status, known.body]).toEqual([unknown.status, unknown.body]);
    await sink.waitForMail(
      (m) =>
        (m.text ?? '').includes('Hi Slow,') &&
        sink.messages.filter((x) => (x.text ?? '').includes('Hi Slow,')).length === 2,
    );
    await call('/api/auth/resend-verification', { method: 'POST', json: { email: 'slow@example.com' } });
    await mailQueueSettled(api);
    expect(sink.messages.filter((m) => (m.text ?? '').includes('Hi Slow,'))).toHaveLength(2);
  });

  it('resets a forgotten password once, ends every session, and tells the owner', async () => {
    await call('/api/auth/register', {
      method: 'POST',
      json: { email: 'rex@example.com', password: 'plum tractor velvet 46', displayName: 'Rex' },
    });
    const verifyMail = await sink.waitForMail((m) => (m.text ?? '').includes('Hi Rex,'));
    const signedIn = new CookieJar();
    await call('/api/auth/verify-email', {
      method: 'POST',
      json: { token: linkIn(verifyMail.text) },
      jar: signedIn,
    });
    expect((await call('/api/me', { jar: signedIn })).status).toBe(200);

    const known = await call('/api/auth/forgot-password', {
      method: 'POST',
      json: { email: 'rex@example.com' },
    });
    const unknown = await call('/api/auth/forgot-password', {
      method: 'POST',
      json: { email: 'nobody-here@example.com' },
    });
    expect([known.status, known.body]).toEqual([unknown.status, unknown.body]);
    const resetMail = await sink.waitForMail(
      (m) => m.subject === 'Reset your password' && (m.text ?? '').includes('Hi Rex,'),
    );
    const token = /reset-password\?token=([\w-]+)/.exec(resetMail.text ?? '')?.[1];

    expect(
      (await call('/api/auth/reset-password', { method: 'POST', json: { token, password: 'password' } }))
        .status,
    ).toBe(422);
    expect(
      (
        await call('/api/auth/reset-password', {
          method: 'POST',
          json: { token, password: 'brand new passphrase 7' },
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await call('/api/auth/reset-password', {
          method: 'POST',
          json: { token, password: 'another new passphrase' },
        })
      ).body,
    ).toMatchObject({ code: 'reset_link_invalid' });

    expect((await call('/api/me', { jar: signedIn })).status).toBe(401);
    await sink.waitForMail(
      (m) => m.subject === 'Your password was changed' && (m.text ?? '').includes('Hi Rex,'),
    );
    const oldPassword = await call('/api/auth/login', {
      method: 'POST',
      json: { email: 'rex@example.com', password: 'plum tractor velvet 46' },
    });
    expect(oldPassword.status).toBe(401);
    const newPassword = await call('/api/auth/login', {
      method: 'POST',
      json: { email: 'rex@example.com', password: 'brand new passphrase 7' },
    });
    expect(newPassword.status).toBe(200);
  });
});
