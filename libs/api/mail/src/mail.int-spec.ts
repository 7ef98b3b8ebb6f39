import { type AppConfig, CoreModule, QueueName } from '@huntkit/api/core';
import {
  prepareTestEnvironment,
  queueSettled,
  type SmtpSink,
  startSmtpSink,
  waitFor,
} from '@huntkit/api/core/testing';
import { getQueueToken } from '@nestjs/bullmq';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import { simpleParser } from 'mailparser';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotificationPreference, NotificationPreferencesService } from '@huntkit/api/notifications';
import { randomUUID } from 'node:crypto';
import { MailJobsModule, MailModule } from './mail.module';
import { mailJobId, MailService } from './mail.service';

const schema = { entities: [NotificationPreference], migrations: [], seeds: [] };

async function startMailStack(label: string, env: Record<string, string>) {
  const config: AppConfig = await prepareTestEnvironment({
    label,
    schema,
    env: { MAIL_FROM: 'Huntkit <no-reply@huntkit.test>', ...env },
  });
  const moduleRef = await Test.createTestingModule({
    imports: [CoreModule.forRoot(config, schema, 'worker'), MailModule, MailJobsModule],
  }).compile();
  await moduleRef.init();
  return moduleRef;
}

describe('mail over a real SMTP server (BullMQ worker, retries)', () => {
  let sink: SmtpSink;
  let moduleRef: TestingModule;
  let mail: MailService;

  beforeAll(async () => {
    sink = await startSmtpSink();
    moduleRef = await startMailStack('mail_smtp', { SMTP_URL: sink.url, MAIL_RETRY_DELAY_MS: '200' });
    mail = moduleRef.get(MailService);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await sink?.close();
  });

  it('delivers a queued mail with subject, sender, HTML and text', async () => {
    await mail.send('verify-email', 'ada@example.com', {
      displayName: 'Ada',
      verifyUrl: 'https://h.example/verify?token=t1',
      expiresInHours: 24,
    });
    const received = await sink.waitForMail((m) => m.subject === 'Confirm your email address');
    expect(received.from?.value).toEqual([{ name: 'Huntkit', address: 'no-reply@huntkit.test' }]);
    expect(received.to && 'text' in received.to ? received.to.text : '').toBe('ada@example.com');
    expect(String(received.html).replace(/&#x3D;/g, '=')).toContain(
      'href="https://h.example/verify?token=t1"',
    );
    expect(received.text).toContain('https://h.example/verify?token=t1');
  });

  it('queues a mail once per idempotency key', async () => {
    const data = { displayName: 'Bo', resetUrl: 'https://h.example/reset?token=t2', expiresInMinutes: 30 };
    await mail.send('reset-password', 'bo@example.com', data, 'reset:t2');
    await mail.send('reset-password', 'bo@example.com', data, 'reset:t2');
    await sink.waitForMail((m) => m.text?.includes('token=t2') ?? false);
    await queueSettled(moduleRef.get<Queue>(getQueueToken(QueueName.mail)));
    expect(sink.messages.filter((m) => m.text?.includes('token=t2'))).toHaveLength(1);
  });

  it('retries after a temporary SMTP refusal and then delivers', async () => {
    sink.refuseNext(1, 451);
    await mail.send(
      'password-changed',
      'cy@example.com',
      { displayName: 'Cy', changedAt: 'now', resetUrl: 'https://h.example/forgot' },
      'changed:cy',
    );
    const received = await sink.waitForMail((m) => m.subject === 'Your password was changed', 20_000);
    expect(received.text).toContain('Cy');
    // The wait before the retry comes from MAIL_RETRY_DELAY_MS.
    const job = await moduleRef.get<Queue>(getQueueToken(QueueName.mail)).getJob(mailJobId('changed:cy'));
    expect(job?.opts).toMatchObject({ attempts: 8, backoff: { type: 'exponential', delay: 200 } });
    expect(job?.attemptsMade).toBe(2);
  }, 30_000);

  it('gives up at once on a permanent refusal', async () => {
    sink.refuseNext(1, 550);
    await mail.send(
      'signup-attempt',
      'nobody@example.com',
      { displayName: 'N', signInUrl: 'https://h/s', resetUrl: 'https://h/r' },
      'attempt:nobody',
    );
    const queue = moduleRef.get<Queue>(getQueueToken('mail'));
    const job = await waitFor(
      () => queue.getJob(mailJobId('attempt:nobody')),
      (j) => j?.finishedOn !== undefined,
    );
    expect(await job?.isFailed()).toBe(true);
    expect(job?.attemptsMade).toBe(1);
    expect(job?.failedReason).toMatch(/refused/);
  });
});

describe('notification settings, enforced by the mail worker', () => {
  let sink: SmtpSink;
  let moduleRef: TestingModule;
  let mail: MailService;
  let preferences: NotificationPreferencesService;
  const runMail = (runUrl: string) => ({
    displayName: 'Ru',
    toolName: 'Port scan',
    target: 'example.com',
    outcome: 'succeeded',
    duration: '2 min',
    findings: 3,
    runUrl,
  });

  beforeAll(async () => {
    sink = await startSmtpSink();
    moduleRef = await startMailStack('mail_preferences', { SMTP_URL: sink.url });
    mail = moduleRef.get(MailService);
    preferences = moduleRef.get(NotificationPreferencesService);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await sink?.close();
  });

  it('sends optional mail with a footer link and RFC 8058 one-click headers', async () => {
    const userId = randomUUID();
    await mail.send('run-finished', { email: 'ru@example.com', userId }, runMail('https://h/runs/1'));
    const received = await sink.waitForMail((m) => m.text?.includes('https://h/runs/1') ?? false);
    const header = (name: string) =>
      received.headerLines
        .find((line) => line.key === name)
        ?.line.slice(name.length + 1)
        .trim();
    const oneClick = String(header('list-unsubscribe'));
    expect(oneClick).toMatch(/^<https?:\/\/[^>]+\/api\/notifications\/unsubscribe\?token=[^>]+>$/);
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const token = decodeURIComponent(oneClick.split('token=')[1]?.replace('>', '') ?? '');
    expect(received.text).toContain(`/unsubscribe?token=${encodeURIComponent(token)}`);
    expect(await preferences.inspect(token)).toEqual({ userId, category: 'run_finished', enabled: true });
  });

  it('sends nothing of a muted category, and security mail regardless', async () => {
    const userId = randomUUID();
    await preferences.update(userId, { run_finished: false });
    await mail.send(
      'run-finished',
      { email: 'mute@example.com', userId },
      runMail('https://h/runs/muted'),
      'muted',
    );
    await mail.send(
      'password-changed',
      { email: 'mute@example.com', userId },
      { displayName: 'Mu', changedAt: 'now', resetUrl: 'https://h/forgot' },
    );
    const alert = await sink.waitForMail(
      (m) => m.subject === 'Your password was changed' && m.text?.includes('Mu') === true,
    );
    expect(alert.headerLines.some((line) => line.key.startsWith('list-'))).toBe(false);
    const queue = moduleRef.get<Queue>(getQueueToken('mail'));
    const job = await waitFor(
      () => queue.getJob(mailJobId('muted')),
      (j) => j?.finishedOn !== undefined,
    );
    expect(job?.returnvalue).toEqual({ skipped: 'run_finished is turned off' });
    expect(sink.messages.some((m) => m.text?.includes('https://h/runs/muted'))).toBe(false);
  });

  it('refuses optional mail addressed without an account', async () => {
    await mail.send('run-finished', 'anon@example.com', runMail('https://h/runs/anon'), 'anon');
    const queue = moduleRef.get<Queue>(getQueueToken('mail'));
    const job = await waitFor(
      () => queue.getJob(mailJobId('anon')),
      (j) => j?.finishedOn !== undefined,
    );
    expect(job?.failedReason).toMatch(/needs the recipient's user id/);
  });
});

describe('mail without SMTP (development outbox)', () => {
  it('writes the mail to the outbox folder', async () => {
    const outbox = mkdtempSync(join(tmpdir(), 'huntkit-outbox-'));
    const moduleRef = await startMailStack('mail_outbox', { MAIL_OUTBOX_DIR: outbox });
    try {
      await moduleRef.get(MailService).send('verify-email', 'dev@example.com', {
        displayName: 'Dev',
        verifyUrl: 'http://localhost:3000/verify?token=t3',
        expiresInHours: 24,
      });
      const files = await waitFor(
        async () => readdirSync(outbox),
        (names) => names.length > 0,
      );
      expect(files[0]).toMatch(/dev@example\.com\.eml$/);
      const eml = await simpleParser(readFileSync(join(outbox, files[0] ?? '')));
      expect(eml.subject).toBe('Confirm your email address');
      expect(eml.text).toContain('http://localhost:3000/verify?token=t3');
    } finally {
      await moduleRef.close();
    }
  });
});
