import { APP_CONFIG, type AppConfig, QueueName } from '@huntkit/api/core';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { MailRenderer } from './mail-renderer';
import type { MailTransport } from './mail-transport';
import type { MailJob } from './mail.service';

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/** SMTP 5xx replies are permanent (unknown mailbox, rejected sender): retrying cannot help. */
function isPermanentSmtpFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

@Processor(QueueName.mail)
export class MailProcessor extends WorkerHost {
  private readonly renderer = new MailRenderer();

  constructor(
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async process(job: Job<MailJob>): Promise<{ delivered: string }> {
    const { template, to, data } = job.data;
    const rendered = this.renderer.render(template, to, data);
    try {
      return { delivered: await this.transport.deliver({ from: this.config.mail.from, to, ...rendered }) };
    } catch (error) {
      if (isPermanentSmtpFailure(error))
        throw new UnrecoverableError(`mail to ${to} refused: ${(error as Error).message}`);
      throw error;
    }
  }
}
