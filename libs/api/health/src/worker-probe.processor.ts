import { REDIS } from '@huntkit/api/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { QueueName } from '@huntkit/api/core';
import { WorkerProbe } from './entities/worker-probe.entity';
import {
  PROBE_RETENTION_MS,
  type RunProbePayload,
  WorkerProbeJob,
  type WorkerProbeJobName,
} from './worker-probe-jobs';

/** Same value for the life of the process; says which worker ran a probe without naming the host. */
const WORKER_ID = `worker-${createHash('sha256').update(`${hostname()}:${process.pid}`).digest('hex').slice(0, 8)}`;

async function measure(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return Math.round((performance.now() - started) * 100) / 100;
}

@Processor(QueueName.workerProbes)
export class WorkerProbeProcessor extends WorkerHost {
  constructor(
    private readonly em: EntityManager,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    super();
  }

  async process(job: Job<RunProbePayload, unknown, WorkerProbeJobName>): Promise<unknown> {
    switch (job.name) {
      case WorkerProbeJob.run:
        return this.runProbe(job.data.probeId);
      case WorkerProbeJob.purge:
        return this.purgeOldProbes();
    }
  }

  /** Idempotent: a probe already completed (a job run twice) is left as the first run wrote it. */
  private async runProbe(probeId: string): Promise<{ completed: boolean }> {
    const em = this.em.fork();
    const probe = await em.findOne(WorkerProbe, { id: probeId });
    if (!probe || probe.status === 'completed') return { completed: false };
    const startedAt = Date.now();
    probe.databaseLatencyMs = await measure(() => em.getConnection().execute('select 1'));
    probe.redisLatencyMs = await measure(() => this.redis.ping());
    probe.queueDelayMs = Math.max(0, startedAt - probe.requestedAt.getTime());
    probe.workerId = WORKER_ID;
    probe.completedAt = new Date();
    probe.status = 'completed';
    await em.flush();
    return { completed: true };
  }

  /** A probe whose job ran out of attempts says so, instead of staying queued for ever. */
  @OnWorkerEvent('failed')
  async markFailed(job: Job<RunProbePayload, unknown, WorkerProbeJobName> | undefined): Promise<void> {
    if (job?.name !== WorkerProbeJob.run || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    await this.em
      .fork()
      .nativeUpdate(
        WorkerProbe,
        { id: job.data.probeId, status: 'queued' },
        { status: 'failed', completedAt: new Date() },
      );
  }

  private async purgeOldProbes(): Promise<{ deleted: number }> {
    const cutoff = new Date(Date.now() - PROBE_RETENTION_MS);
    const deleted = await this.em.fork().nativeDelete(WorkerProbe, { requestedAt: { $lt: cutoff } });
    return { deleted };
  }
}
