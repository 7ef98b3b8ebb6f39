import { APP_CONFIG, type AppConfig, createRedisClient, JobSchedules, QueueName } from '@huntkit/api/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { InjectQueue } from '@nestjs/bullmq';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { type Job, type Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ToolRun } from './entities/tool-run.entity';
import { RunExecutor } from './run-executor';
import type { ToolRunJob } from './runs.service';

export const PURGE_RUN_OUTPUT_JOB = 'purge-output';
const PURGE_BATCH = 200;

/**
 * The tool-run consumer of a worker process. It is a plain BullMQ Worker rather than a decorated
 * processor because its lock and stall settings come from config: a run whose worker dies stops
 * renewing its lock, BullMQ hands the job to another worker after RUN_STALL_SECONDS, and that worker
 * finds the run still "running" and ends it as failed with the credits returned.
 */
@Injectable()
export class ToolRunsWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ToolRunsWorker');
  private worker?: Worker<ToolRunJob>;
  private connection?: Redis;

  constructor(
    private readonly executor: RunExecutor,
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QueueName.toolRuns) private readonly queue: Queue,
    private readonly schedules: JobSchedules,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection = createRedisClient(this.config.redis.url, `huntkit-runs-${process.pid}`, {
      maxRetriesPerRequest: null,
      commandTimeout: undefined,
    });
    const stallMs = this.config.runs.stallMs;
    this.worker = new Worker<ToolRunJob>(QueueName.toolRuns, (job) => this.process(job), {
      connection: this.connection,
      prefix: this.config.redis.prefix,
      concurrency: this.config.runs.workerConcurrency,
      lockDuration: stallMs,
      stalledInterval: stallMs,
      maxStalledCount: 1,
    });
    this.worker.on('error', (error) => this.logger.error(`tool runs: ${error.message}`));
    this.worker.on('failed', (job, error) =>
      this.logger.warn(`tool run job ${job?.id ?? '?'} failed: ${error.message}`),
    );
    await this.schedules.keep(
      this.queue,
      PURGE_RUN_OUTPUT_JOB,
      { every: 3600_000 },
      { name: PURGE_RUN_OUTPUT_JOB },
    );
  }

  private async process(job: Job<ToolRunJob>): Promise<unknown> {
    if (job.name === PURGE_RUN_OUTPUT_JOB) return { purged: await this.purgeOldOutput() };
    await this.executor.execute(job.data.runId);
    return null;
  }

  /** Removes the log and artifacts of runs finished longer ago than the retention; results stay. */
  async purgeOldOutput(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.config.runs.retentionDays * 86_400_000);
    const em = this.em.fork();
    const runs = await em.find(
      ToolRun,
      { finishedAt: { $lt: before }, outputPurgedAt: null },
      { fields: ['id'], limit: PURGE_BATCH },
    );
    for (const run of runs)
      await rm(join(this.config.runs.storageDir, run.id), { recursive: true, force: true });
    if (runs.length > 0)
      await em.nativeUpdate(ToolRun, { id: runs.map((run) => run.id) }, { outputPurgedAt: now });
    return runs.length;
  }

  /** Ends this process's runs as failed (credits back) instead of leaving them to the stall check. */
  async beforeApplicationShutdown(): Promise<void> {
    this.executor.stopAll();
    await this.worker?.close();
    await this.connection?.quit().catch(() => this.connection?.disconnect());
  }
}
