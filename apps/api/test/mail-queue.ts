import { QueueName } from '@huntkit/api/core';
import { queueSettled, waitFor } from '@huntkit/api/core/testing';
import { mailJobId } from '@huntkit/api/mail';
import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';

const mailQueue = (api: INestApplication) => api.get<Queue>(getQueueToken(QueueName.mail));

/**
 * Waits until the worker has handled every mail queued so far (delivered, or dropped as muted), so a
 * test can say a mail did not come without guessing how long it might have taken.
 */
export async function mailQueueSettled(api: INestApplication): Promise<void> {
  await queueSettled(mailQueue(api));
}

/** Waits for the worker to handle the mail queued under this idempotency key; returns what it did. */
export async function mailOutcome(
  api: INestApplication,
  idempotencyKey: string,
): Promise<{ delivered?: string; skipped?: string }> {
  const job = await waitFor(
    () => mailQueue(api).getJob(mailJobId(idempotencyKey)),
    (found) => Boolean(found?.finishedOn),
  );
  return job?.returnvalue as { delivered?: string; skipped?: string };
}
