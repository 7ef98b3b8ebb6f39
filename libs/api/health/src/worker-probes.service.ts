import { ProblemException, QueueName } from '@huntkit/api/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { InjectQueue } from '@nestjs/bullmq';
import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { WorkerProbeDto } from './dto/health.dto';
import { WorkerProbe } from './entities/worker-probe.entity';
import { type RunProbePayload, WorkerProbeJob } from './worker-probe-jobs';

export function toWorkerProbeDto(probe: WorkerProbe): WorkerProbeDto {
  return {
    id: probe.id,
    label: probe.label,
    status: probe.status,
    requestedAt: probe.requestedAt.toISOString(),
    completedAt: probe.completedAt?.toISOString() ?? null,
    workerId: probe.workerId,
    queueDelayMs: probe.queueDelayMs,
    databaseLatencyMs: probe.databaseLatencyMs,
    redisLatencyMs: probe.redisLatencyMs,
  };
}

@Injectable()
export class WorkerProbesService {
  constructor(
    private readonly em: EntityManager,
    @InjectQueue(QueueName.workerProbes) private readonly queue: Queue<RunProbePayload>,
  ) {}

  /** Records a probe and queues it; the job id is the probe id, so a retried enqueue is a no-op. */
  async request(label?: string): Promise<WorkerProbeDto> {
    const probe = this.em.create(WorkerProbe, { label: label?.trim() || null });
    await this.em.persist(probe).flush();
    try {
      await this.queue.add(WorkerProbeJob.run, { probeId: probe.id }, { jobId: probe.id });
    } catch {
      // Without a job the row would wait forever: drop it and tell the caller to retry later.
      await this.em.remove(probe).flush();
      throw new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'queue_unavailable',
        'The job queue is unavailable; try again shortly.',
      );
    }
    return toWorkerProbeDto(probe);
  }

  async find(id: string): Promise<WorkerProbeDto> {
    const probe = await this.em.findOne(WorkerProbe, { id });
    if (!probe) throw new NotFoundException(`No worker probe with id ${id}.`);
    return toWorkerProbeDto(probe);
  }
}
