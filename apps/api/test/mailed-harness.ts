import { APP_CONFIG, type AppConfig } from '@huntkit/api/core';
import { type SmtpSink, startSmtpSink } from '@huntkit/api/core/testing';
import type { ParsedMail } from 'mailparser';
import { envFor, type RunningProcess, startBuilt } from './processes';
import { type SignedInHarness, startSignedInHarness } from './signed-in-harness';

/** The address a received mail was sent to. */
export const recipientOf = (mail: ParsedMail) => (mail.to && 'text' in mail.to ? mail.to.text : '');

export interface MailedHarness {
  harness: SignedInHarness;
  sink: SmtpSink;
  worker: RunningProcess;
  /** Waits for the mail with this subject to this address. */
  mailTo(address: string, subject: string): Promise<ParsedMail>;
  /** Every mail received so far for this address (with this subject, when given). */
  received(address: string, subject?: string): ParsedMail[];
  close(): Promise<void>;
}

/**
 * The API harness plus what mail needs end to end: a real SMTP server on 127.0.0.1 and the built
 * worker process, which renders each queued mail and delivers it there.
 */
export async function startMailedHarness(
  label: string,
  env: Record<string, string> = {},
): Promise<MailedHarness> {
  const sink = await startSmtpSink();
  const withMail = { SMTP_URL: sink.url, ...env };
  const harness = await startSignedInHarness(label, withMail);
  const worker = startBuilt('worker', envFor(harness.api.get<AppConfig>(APP_CONFIG), withMail));
  await worker.waitForLog('worker ready');
  const matches = (address: string, subject?: string) => (mail: ParsedMail) =>
    recipientOf(mail) === address && (subject === undefined || mail.subject === subject);
  return {
    harness,
    sink,
    worker,
    mailTo: (address, subject) => sink.waitForMail(matches(address, subject)),
    received: (address, subject) => sink.messages.filter(matches(address, subject)),
    close: async () => {
      worker.kill('SIGKILL');
      await harness.close();
      await sink.close();
    },
  };
}
