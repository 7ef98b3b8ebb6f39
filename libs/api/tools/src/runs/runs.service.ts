import { BillingService } from '@huntkit/api/billing';
import {
  APP_CONFIG,
  type AppConfig,
  pageWindow,
  ProblemException,
  QueueName,
  REDIS,
  timeRangeWhere,
  ValidationProblemException,
} from '@huntkit/api/core';
import { CreditsService } from '@huntkit/api/credits';
import type { FilterQuery } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { InjectQueue } from '@nestjs/bullmq';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { type CatalogTool, ToolCatalogService } from '../tool-catalog.service';
import { validateToolConfig } from './config-validation';
import { ToolRunResult } from './entities/tool-run-result.entity';
import { ACTIVE_RUN_STATUSES, type RunStatus, ToolRun } from './entities/tool-run.entity';
import { runHold } from './run-credit-holds';
import { appendRunStatus } from './run-events';
import { resolveRunTarget, runTargetOf } from './run-target';

export interface LaunchRequest {
  config: unknown;
  idempotencyKey: string;
  timeoutSeconds?: number;
}

export interface RunFilter {
  page: number;
  pageSize: number;
  toolId?: string;
  status?: RunStatus;
  target?: string;
  from?: Date;
  to?: Date;
}

export interface ToolRunJob {
  runId: string;
}

/**
 * One job per run, named by the run's id, so adding it again (a retry, a re-queue after Redis lost
 * it) never makes a second one. One attempt: a run is never started twice.
 */
export const runJobOptions = (runId: string) => ({ jobId: runId, attempts: 1, removeOnComplete: true });

/** Equal as JSON: the stored config comes back from jsonb with another object prototype. */
const sameJson = (a: unknown, b: unknown) =>
  isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));

const notFound = () => new ProblemException(HttpStatus.NOT_FOUND, 'run_not_found', 'There is no such run.');

/** Launching, listing and cancelling tool runs. Workers do the running (see RunExecutor). */
@Injectable()
export class RunsService {
  constructor(
    private readonly em: EntityManager,
    private readonly catalog: ToolCatalogService,
    private readonly credits: CreditsService,
    private readonly billing: BillingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @InjectQueue(QueueName.toolRuns) private readonly queue: Queue<ToolRunJob>,
  ) {}

  /**
   * Validates, checks the target policy, reserves the credits and queues the run. The idempotency key
   * makes a retry (a double click, a lost answer) return the same run without a second charge.
   */
  async launch(
    userId: string,
    toolId: string,
    request: LaunchRequest,
  ): Promise<{ run: ToolRun; created: boolean }> {
    const tool = await this.catalog.get(toolId);
    const earlier = await this.findByKey(userId, request.idempotencyKey);
    if (earlier) return { run: this.sameLaunch(earlier, tool, request.config), created: false };
    if (tool.unavailableReason)
      throw new ProblemException(HttpStatus.CONFLICT, 'tool_unavailable', tool.unavailableReason);

    const validation = validateToolConfig(tool.configSchema, request.config);
    if (!validation.ok) throw new ValidationProblemException(validation.errors);
    const config = validation.config;
    const timeoutSeconds = request.timeoutSeconds ?? tool.defaultTimeoutSeconds;
    if (timeoutSeconds > tool.maxTimeoutSeconds)
      throw new ValidationProblemException([
        {
          field: 'timeoutSeconds',
          pointer: '/timeoutSeconds',
          detail: `${tool.name} runs for at most ${tool.maxTimeoutSeconds} seconds.`,
        },
      ]);
    const target = await resolveRunTarget(config, this.config.runs.allowPrivateTargets);
    if (!target.ok) throw new ValidationProblemException([target.error]);

    const limit = this.config.runs.activeLimit[(await this.billing.planOf(userId)).plan];
    // The run and the credits it costs are written in one transaction: both or neither.
    const outcome = await this.credits.transaction(async (tx) => {
      const { em } = tx;
      // One launch per user at a time past this point, so the concurrency limit holds under races.
      await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`tool-runs:${userId}`]);
      const raced = await em.findOne(ToolRun, { userId, idempotencyKey: request.idempotencyKey });
      if (raced) return { run: raced, created: false };
      // Paid for first (an empty balance answers 402 before the concurrency limit's 429).
      const runId = randomUUID();
      const deadline = new Date(tx.now.getTime() + timeoutSeconds * 1000);
      await tx.hold({ userId, amount: tool.cost, owner: runHold({ id: runId }), deadline });
      const active = await em.count(ToolRun, { userId, status: { $in: [...ACTIVE_RUN_STATUSES] } });
      if (active >= limit)
        throw new ProblemException(
          HttpStatus.TOO_MANY_REQUESTS,
          'too_many_active_runs',
          `You have ${active} runs queued or running, the most your plan allows at once. Wait for one to finish or cancel one.`,
          { limit },
        );
      const run = em.create(ToolRun, {
        id: runId,
        userId,
        toolId,
        target: runTargetOf(config).display,
        config,
        cost: tool.cost,
        idempotencyKey: request.idempotencyKey,
        timeoutSeconds,
        createdAt: tx.now,
      });
      await em.persist(run).flush();
      return { run, created: true };
    });
    if (!outcome.created) return { run: this.sameLaunch(outcome.run, tool, request.config), created: false };
    await this.enqueue(outcome.run);
    return outcome;
  }

  private async enqueue(run: ToolRun): Promise<void> {
    try {
      await appendRunStatus(this.redis, this.config.redis.prefix, run.id, {
        status: 'queued',
        at: run.createdAt.toISOString(),
      });
      await this.queue.add('run', { runId: run.id }, runJobOptions(run.id));
    } catch (error) {
      // A run nobody will pick up must not hold the user's credits.
      await this.finishUnstarted(run.id, 'failed', 'The run could not be queued. Try again in a moment.');
      throw error;
    }
  }

  /** A retried launch: the same run when it asked for the same thing, a conflict when it did not. */
  private sameLaunch(run: ToolRun, tool: CatalogTool, config: unknown): ToolRun {
    const validation = validateToolConfig(tool.configSchema, config);
    if (run.toolId !== tool.id || !validation.ok || !sameJson(validation.config, run.config))
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'idempotency_key_reused',
        'This idempotency key was already used for a different launch.',
      );
    return run;
  }

  private findByKey(userId: string, idempotencyKey: string): Promise<ToolRun | null> {
    return this.em.fork().findOne(ToolRun, { userId, idempotencyKey });
  }

  async list(userId: string, filter: RunFilter): Promise<{ items: ToolRun[]; total: number }> {
    const where: FilterQuery<ToolRun> = {
      userId,
      ...(filter.toolId ? { toolId: filter.toolId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.target ? { target: { $ilike: `%${filter.target.replace(/[\\%_]/g, '\\$&')}%` } } : {}),
      ...timeRangeWhere('createdAt', filter),
    };
    const [items, total] = await this.em
      .fork()
      .findAndCount(ToolRun, where, { orderBy: { createdAt: 'desc', id: 'desc' }, ...pageWindow(filter) });
    return { items, total };
  }

  /** A run of this user; someone else's run is "not found", never "forbidden". */
  async get(userId: string, runId: string): Promise<ToolRun> {
    const run = await this.em.fork().findOne(ToolRun, { id: runId, userId });
    if (!run) throw notFound();
    return run;
  }

  async results(
    userId: string,
    runId: string,
    filter: { severity?: string; change?: string } = {},
  ): Promise<ToolRunResult[]> {
    const run = await this.get(userId, runId);
    return this.em.fork().find(
      ToolRunResult,
      {
        run: run.id,
        ...(filter.severity ? { severity: filter.severity as ToolRunResult['severity'] } : {}),
        ...(filter.change ? { change: filter.change as ToolRunResult['change'] } : {}),
      },
      { orderBy: { position: 'asc' } },
    );
  }

  /**
   * Cancels a run. A queued run ends at once with its credits back; a running one is flagged and its
   * worker stops it within a second or so (the stream says when). Cancelling a finished run is a no-op.
   */
  async cancel(userId: string, runId: string): Promise<ToolRun> {
    const run = await this.get(userId, runId);
    if (run.status === 'queued' && (await this.finishUnstarted(run.id, 'cancelled', null))) {
      await this.queue.remove(run.id).catch(() => 0);
      return this.get(userId, runId);
    }
    await this.em
      .fork()
      .nativeUpdate(
        ToolRun,
        { id: run.id, status: 'running', cancelRequestedAt: null },
        { cancelRequestedAt: new Date() },
      );
    return this.get(userId, runId);
  }

  /** Ends a run that never started (still queued), releases its credits and tells viewers. */
  private async finishUnstarted(
    runId: string,
    status: 'cancelled' | 'failed',
    error: string | null,
  ): Promise<boolean> {
    const now = new Date();
    const finished = await this.credits.transaction(async (tx) => {
      const updated = await tx.em.nativeUpdate(
        ToolRun,
        { id: runId, status: 'queued' },
        { status, finishedAt: now, error },
      );
      if (updated > 0) await tx.release(runHold({ id: runId }));
      return updated > 0;
    }, now);
    if (!finished) return false;
    await appendRunStatus(this.redis, this.config.redis.prefix, runId, {
      status,
      at: now.toISOString(),
      error,
    }).catch(() => undefined);
    return true;
  }

  /** The run's raw log, when retention has not removed it yet. */
  logPathOf(run: ToolRun): string | null {
    return run.outputPurgedAt ? null : join(this.config.runs.storageDir, run.id, 'output.log');
  }
}
