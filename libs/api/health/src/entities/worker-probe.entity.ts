import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

export type WorkerProbeStatus = 'queued' | 'completed' | 'failed';

/**
 * A round trip through the job system: the API records it, a worker picks it up and writes what it
 * measured. It shows that queues and workers are alive, and how long jobs wait before a worker runs them.
 */
@Entity({ tableName: 'worker_probes' })
export class WorkerProbe {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Free text from whoever sent it, e.g. `post-deploy check`. */
  @Property({ type: 'string', length: 80, nullable: true })
  label: string | null = null;

  @Enum({ items: ['queued', 'completed', 'failed'] })
  status: WorkerProbeStatus & Opt = 'queued';

  @Index()
  @Property({ type: 'Date', columnType: 'timestamptz' })
  requestedAt: Date & Opt = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  completedAt: Date | null = null;

  /** Opaque id of the worker process that ran it (a hash: host names stay private). */
  @Property({ type: 'string', length: 255, nullable: true })
  workerId: string | null = null;

  @Property({ type: 'integer', nullable: true })
  queueDelayMs: number | null = null;

  @Property({ type: 'double', nullable: true })
  databaseLatencyMs: number | null = null;

  @Property({ type: 'double', nullable: true })
  redisLatencyMs: number | null = null;
}
