import { QueueName } from '@huntkit/api/core';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { MailTemplateName, MailTemplates } from './templates/templates';

export interface MailJob<T extends MailTemplateName = MailTemplateName> {
  template: T;
  to: string;
  data: MailTemplates[T];
}

export const SEND_MAIL_JOB = 'send';

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
  constructor(@InjectQueue(QueueName.mail) private readonly queue: Queue<MailJob>) {}

  async send<T extends MailTemplateName>(
    template: T,
    to: string,
    data: MailTemplates[T],
    idempotencyKey?: string,
  ): Promise<void> {
    await this.queue.add(SEND_MAIL_JOB, { template, to, data } as MailJob, {
      ...(idempotencyKey ? { jobId: mailJobId(idempotencyKey) } : {}),
      attempts: 8,
      backoff: { type: 'exponential', delay: 5_000 },
    });
  }
}
