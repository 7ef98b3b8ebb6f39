import { type ParsedMail, simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { STATE_WAIT_MS } from './test-environment';

export interface SmtpSink {
  /** smtp:// URL of the sink, for SMTP_URL. */
  url: string;
  messages: ParsedMail[];
  /** The next `count` messages are refused with this SMTP reply code (4xx transient, 5xx permanent). */
  refuseNext(count: number, responseCode: number): void;
  waitForMail(accept: (mail: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 that keeps what it receives, for tests of mail delivery. `port`
 * brings a sink back where a stopped one was, as a mail server coming back after an outage would.
 */
export async function startSmtpSink({ port: wanted = 0 }: { port?: number } = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  let refusals: { remaining: number; responseCode: number } = { remaining: 0, responseCode: 451 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          if (refusals.remaining > 0) {
            refusals = { ...refusals, remaining: refusals.remaining - 1 };
            callback(
              Object.assign(new Error('Refused by the test sink'), { responseCode: refusals.responseCode }),
            );
            return;
          }
          messages.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(wanted, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuseNext(count, responseCode) {
      refusals = { remaining: count, responseCode };
    },
    async waitForMail(accept, timeoutMs = STATE_WAIT_MS) {
      const deadline = performance.now() + timeoutMs; // not Date, which a test may have frozen
      for (;;) {
        const found = messages.find(accept);
        if (found) return found;
        if (performance.now() > deadline)
          throw new Error(`no matching mail within ${timeoutMs} ms (received ${messages.length})`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
