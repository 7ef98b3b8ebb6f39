import { APP_CONFIG, type AppConfig, QueueName } from '@huntkit/api/core';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { MailTemplateName, MailTemplates } from './templates/templates';

export interface MailJob<T extends MailTemplateName = MailTemplateName> {
  template: T;
  to: string;
  /** The recipient's account: mail that follows notification settings cannot be sent without it. */
  userId?: string;
  data: MailTemplates[T];
}

/** An address, or an account's address together with its id (needed for mail the user may mute). */
export type MailRecipient = string | { email: string; userId: string };

export const SEND_MAIL_JOB = 'send';

/** Tries of one mail: with the default MAIL_RETRY_DELAY_MS the last comes about 10 minutes after the first. */
export const MAIL_ATTEMPTS = 8;

/** BullMQ refuses most custom ids with colons, which idempotency keys use freely: swap them out. */
export function mailJobId(idempotencyKey: string): string {
  return `mail-${idempotencyKey.replace(/:/g, '-')}`;
}

/**
 * Queues mail for the worker: a request never waits on SMTP, and delivery is retried with backoff.
 * An idempotency key (e.g. `verify:<token id>`) makes a retried request queue the mail only once.
 */
@Injectable()
export class MailService {
  constructor(
    @InjectQueue(QueueName.mail) private readonly queue: Queue<MailJob>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send<T extends MailTemplateName>(
    template: T,
    recipient: MailRecipient,
    data: MailTemplates[T],
    idempotencyKey?: string,
  ): Promise<void> {
    const to = typeof recipient === 'string' ? { email: recipient } : recipient;
    const job: MailJob = { template, to: to.email, ...('userId' in to ? { userId: to.userId } : {}), data };
    await this.queue.add(SEND_MAIL_JOB, job, {
      ...(idempotencyKey ? { jobId: mailJobId(idempotencyKey) } : {}),
      attempts: MAIL_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.config.mail.retryDelayMs },
    });
  }
}
