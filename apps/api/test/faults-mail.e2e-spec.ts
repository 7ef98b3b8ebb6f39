import { APP_CONFIG, type AppConfig, QueueName } from '@huntkit/api/core';
import { type SmtpSink, startSmtpSink, waitFor } from '@huntkit/api/core/testing';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { expectInvariants, report, seconds } from './faults';
import { recipientOf } from './mailed-harness';
import { envFor, type RunningProcess, startBuilt } from './processes';
import { PASSWORD, startSignedInHarness, type SignedInHarness } from './signed-in-harness';

const RETRY_DELAY_MS = 250;
/** Failed tries each mail must have had before the server comes back: it was down "for a while". */
const FAILED_TRIES = 3;

describe('fault: the SMTP server down for a while', () => {
  let first: SmtpSink;
  let back: SmtpSink | undefined;
  let harness: SignedInHarness;
  let worker: RunningProcess;

  beforeAll(async () => {
    first = await startSmtpSink();
    const env = { SMTP_URL: first.url, MAIL_RETRY_DELAY_MS: String(RETRY_DELAY_MS) };
    harness = await startSignedInHarness('faults_mail', env);
    worker = startBuilt('worker', envFor(harness.api.get<AppConfig>(APP_CONFIG), env));
    await worker.waitForLog('worker ready');
  });

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await harness?.close();
    await back?.close();
  });

  it('retries every mail while it is down and delivers each exactly once when it is back on the same port', async () => {
    const tag = randomUUID().slice(0, 8);
    const resetting = `reset-${tag}@example.com`;
    const unverified = `unverified-${tag}@example.com`;
    const newcomer = `newcomer-${tag}@example.com`;
    await harness.createUser(resetting);
    await harness.createUser(unverified, { emailVerifiedAt: null });
    const expected = [
      `${newcomer} Confirm your email address`,
      `${resetting} Reset your password`,
      `${unverified} Confirm your email address`,
    ].sort();

    const port = Number(new URL(first.url).port);
    await first.close();
    const downAt = performance.now();
    const post = (path: string, json: unknown) => harness.call(path, { method: 'POST', json });
    const answers = [
      await post('/api/auth/register', {
        email: newcomer,
        password: PASSWORD,
        displayName: 'Newcomer',
        timeZone: 'UTC',
      }),
      await post('/api/auth/forgot-password', { email: resetting }),
      await post('/api/auth/resend-verification', { email: unverified }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202]);

    const queue = harness.api.get<Queue>(getQueueToken(QueueName.mail));
    const waiting = await waitFor(
      () => queue.getJobs(['delayed', 'waiting', 'active']),
      (jobs) => jobs.length === expected.length && jobs.every((job) => job.attemptsMade >= FAILED_TRIES),
    );
    expect(waiting.map((job) => job.failedReason)).toEqual(
      expected.map(() => expect.stringMatching(/ECONNREFUSED/)),
    );

    back = await startSmtpSink({ port });
    const upAt = performance.now();
    const delivered = await waitFor(
      async () => back?.messages.map((mail) => `${recipientOf(mail)} ${mail.subject}`).sort() ?? [],
      (received) => received.length >= expected.length,
    );
    const deliveredMs = performance.now() - upAt;
    await expectInvariants(harness); // settles the mail queue first: nothing pending, nothing failed
    // Each exactly once, counted after the queue settled so a late duplicate would show.
    expect(back.messages.map((mail) => `${recipientOf(mail)} ${mail.subject}`).sort()).toEqual(expected);
    expect(delivered).toEqual(expected);
    expect(first.messages).toEqual([]);

    const tries = (await Promise.all(waiting.map((job) => queue.getJob(String(job.id))))).map(
      (job) => job?.attemptsMade ?? 0,
    );
    report(
      `SMTP down ${seconds(upAt - downAt)}: ${expected.length} mails (sign-up, password reset, resend verification) ` +
        `failed ${FAILED_TRIES}+ tries each (MAIL_RETRY_DELAY_MS ${RETRY_DELAY_MS}, doubling); back on port ${port}, ` +
        `all delivered within ${seconds(deliveredMs)}, each exactly once (tries per mail: ${tries.join(', ')})`,
    );
  });
});
