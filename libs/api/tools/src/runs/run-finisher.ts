import { APP_CONFIG, type AppConfig, REDIS } from '@huntkit/api/core';
import { CreditsService } from '@huntkit/api/credits';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { Redis } from 'ioredis';
import type { RunResult } from '../runners/runner';
import { ToolRunResult } from './entities/tool-run-result.entity';
import { type RunResultCounts, type RunStatus, ToolRun } from './entities/tool-run.entity';
import { runHold } from './run-credit-holds';
import { appendRunStatus, type RunStatusEvent } from './run-events';
import { countResults, normalizeResults } from './run-results';

export type FinalStatus = Exclude<RunStatus, 'queued' | 'running'>;

/**
 * A run ended and its results and credits are committed. Published in the process that finished it;
 * reports, workflows and notifications subscribe instead of being called.
 */
export class RunFinishedEvent {
  static readonly event = 'run.finished';
  constructor(
    readonly run: ToolRun,
    readonly status: FinalStatus,
    readonly counts: RunResultCounts,
    readonly finishedAt: Date,
  ) {}
}

/** Finished runs keep their credits spent when they did the work; the others give them back. */
const CHARGED: readonly FinalStatus[] = ['succeeded', 'timed_out'];

/**
 * Ends a running run exactly once: stores its results compared with the previous run of the same tool
 * on the same target and settles or releases its credits, all in one transaction (a failure leaves
 * the run running and its credits held, for a retry or the sweeper), then publishes RunFinishedEvent.
 * The caller announces the final status on the run's stream.
 */
@Injectable()
export class RunFinisher {
  constructor(
    private readonly em: EntityManager,
    private readonly credits: CreditsService,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /**
   * Returns the counts stored, or null when the run was already finished by someone else. The caller
   * then announces the final status (after its last terminal lines).
   */
  async finish(
    run: ToolRun,
    status: FinalStatus,
    error: string | null,
    results: readonly RunResult[],
    output: { bytes: number; truncated: boolean },
  ): Promise<RunResultCounts | null> {
    const previous = await this.previousRun(run);
    const previousResults = previous
      ? await this.em
          .fork()
          .find(
            ToolRunResult,
            { run: previous.id, change: { $ne: 'gone' } },
            { orderBy: { position: 'asc' } },
          )
      : null;
    const normalized = normalizeResults(run.toolId, run.target, results, previousResults);
    const counts = countResults(normalized);
    const finishedAt = new Date();
    const finished = await this.credits.transaction(async (tx) => {
      const { em } = tx;
      const updated = await em.nativeUpdate(
        ToolRun,
        { id: run.id, status: 'running' },
        {
          status,
          error,
          finishedAt,
          resultCounts: counts,
          previousRunId: previous?.id ?? null,
          outputBytes: output.bytes,
          outputTruncated: output.truncated,
        },
      );
      if (updated === 0) return false;
      for (const result of normalized) {
        em.create(ToolRunResult, {
          run: em.getReference(ToolRun, run.id),
          fingerprint: result.fingerprint,
          kind: result.kind,
          key: result.key.slice(0, 500),
          title: result.title.slice(0, 500),
          severity: result.severity,
          data: result.data,
          change: result.change,
          position: result.position,
        });
      }
      if (CHARGED.includes(status)) await tx.settle(runHold(run));
      else await tx.release(runHold(run));
      return true;
    }, finishedAt);
    if (!finished) return null;
    await this.events.emitAsync(
      RunFinishedEvent.event,
      new RunFinishedEvent(run, status, counts, finishedAt),
    );
    return counts;
  }

  /** The latest earlier run of the same tool on the same target that produced results. */
  private previousRun(run: ToolRun): Promise<ToolRun | null> {
    return this.em.fork().findOne(
      ToolRun,
      {
        userId: run.userId,
        toolId: run.toolId,
        target: run.target,
        status: { $in: [...CHARGED] },
        id: { $ne: run.id },
        finishedAt: { $ne: null },
      },
      { orderBy: { finishedAt: 'desc' } },
    );
  }

  /** Puts the final status on the run's stream (a lost write only costs viewers the live update). */
  async announce(runId: string, status: RunStatusEvent): Promise<void> {
    await appendRunStatus(this.redis, this.config.redis.prefix, runId, status).catch(() => undefined);
  }
}
