import { QueueName } from '@huntkit/api/core';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { SessionsService } from './sessions.service';

export const PURGE_SESSIONS_JOB = 'purge-ended-sessions';

/** Ended sessions are kept a week (for the account's security history), then deleted with their tokens. */
export const ENDED_SESSION_RETENTION_MS = 7 * 24 * 3600 * 1000;

@Processor(QueueName.sessions)
export class SessionsPurgeProcessor extends WorkerHost {
  constructor(private readonly sessions: SessionsService) {
    super();
  }

  async process(job: Job): Promise<{ deleted: number }> {
    if (job.name !== PURGE_SESSIONS_JOB) throw new Error(`unknown job ${job.name}`);
    return { deleted: await this.sessions.purgeEnded(new Date(Date.now() - ENDED_SESSION_RETENTION_MS)) };
  }
}
