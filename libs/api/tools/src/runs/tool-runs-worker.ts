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
import { runJobOptions, type ToolRunJob } from './runs.service';

export const PURGE_RUN_OUTPUT_JOB = 'purge-output';
const PURGE_BATCH = 200;
/** A run queued this long without a job lost it; a younger one may be between its commit and its job. */
const ORPHAN_AFTER_MS = 10_000;
const ORPHAN_BATCH = 500;

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
    @InjectQueue(QueueName.toolRuns) private readonly queue: Queue<ToolRunJob>,
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
    // Redis may have come back empty (a restart without persistence, a failover): queued runs get
    // their jobs again, at boot and after every reconnect.
    this.queue.getBackend().on('ready', () => {
      void this.requeueOrphans();
      // Runs too young to judge now are judged once they are old enough.
      setTimeout(() => void this.requeueOrphans(), ORPHAN_AFTER_MS).unref();
    });
    await this.requeueOrphans();
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

  /**
   * Gives a job back to each queued run whose job Redis no longer has; without it the run would wait
   * for the sweeper with its credits held. A job still there is left as it is (same job id).
   */
  async requeueOrphans(now = new Date()): Promise<number> {
    const runs = await this.em
      .fork()
      .find(
        ToolRun,
        { status: 'queued', createdAt: { $lt: new Date(now.getTime() - ORPHAN_AFTER_MS) } },
        { fields: ['id'], limit: ORPHAN_BATCH },
      )
      .catch(() => []); // the database may be away too: the next reconnect or boot tries again
    let requeued = 0;
    for (const run of runs) {
      try {
        if (await this.queue.getJob(run.id)) continue;
        await this.queue.add('run', { runId: run.id }, runJobOptions(run.id));
        requeued += 1;
      } catch (error) {
        this.logger.warn(`re-queueing run ${run.id} failed: ${(error as Error).message}`);
        break;
      }
    }
    if (requeued > 0) this.logger.warn(`re-queued ${requeued} run(s) whose job Redis had lost`);
    return requeued;
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
