import { type AppConfig, CoreModule } from '@huntkit/api/core';
import { prepareTestEnvironment, type SmtpSink, startSmtpSink, waitFor } from '@huntkit/api/core/testing';
import { getQueueToken } from '@nestjs/bullmq';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import { simpleParser } from 'mailparser';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MailJobsModule, MailModule } from './mail.module';
import { mailJobId, MailService } from './mail.service';

const schema = { entities: [], migrations: [], seeds: [] };

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
    moduleRef = await startMailStack('mail_smtp', { SMTP_URL: sink.url });
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
    await new Promise((resolve) => setTimeout(resolve, 300));
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
