import { APP_CONFIG, type AppConfig, REDIS, retryWhileUnavailable } from '@huntkit/api/core';
import { CreditsService } from '@huntkit/api/credits';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { findTool } from '../definitions/tool-registry';
import type { RunResult } from '../runners/runner';
import { ansi } from '../runners/terminal-style';
import { ToolRun } from './entities/tool-run.entity';
import { runHold } from './run-credit-holds';
import { type FinalStatus, RunFinisher } from './run-finisher';
import { RunOutput } from './run-output';
import { FINISHED_STREAM_TTL_SECONDS } from './run-events';
import { resolveRunTarget } from './run-target';

/** How often a running run checks whether its user cancelled it. */
const CANCEL_POLL_MS = 500;
/** How long a runner gets to wind down after an abort before the run is finished without it. */
const ABORT_GRACE_MS = 5000;

/**
 * How long claiming or finishing a run keeps trying while Postgres is away (a restart, a failover).
 * The worker holds the results and the job's lock meanwhile; giving up sooner would leave the run
 * "running" with its credits held until the sweeper, and its results lost.
 */
const DATABASE_RETRY_WINDOW_MS = 120_000;

type StopReason = 'timeout' | 'cancel' | 'shutdown' | 'storage';

const STOPPED_STATUS: Record<StopReason, FinalStatus> = {
  timeout: 'timed_out',
  cancel: 'cancelled',
  shutdown: 'failed',
  storage: 'failed',
};

/**
 * What the user reads when the run's log cannot be written: the cause in words, never the path or
 * the errno (the worker's log has those). Such a run failed for reasons of ours, so it costs nothing.
 */
export function storageFailureMessage(error: NodeJS.ErrnoException): string {
  const why = error.code === 'ENOSPC' || error.code === 'EDQUOT' ? 'is full' : 'cannot be written to';
  return `The run's output could not be saved: the run storage ${why}. Your credits were returned.`;
}

/** The words for a failed run the user reads: the first line of the error, never a stack. */
function userMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? 'The tool failed.').slice(0, 500);
}

/**
 * Runs one queued run on this worker: claims it, applies the target policy again (and connects only
 * to the address it checked), runs the tool with a wall-clock limit and cancel, streams its output,
 * and finishes it. A run found already running was left by a worker that died: it ends as failed.
 */
@Injectable()
export class RunExecutor {
  private readonly logger = new Logger('RunExecutor');
  private readonly active = new Map<string, (reason: StopReason) => void>();
  readonly workerName = `${hostname()}:${process.pid}`;

  constructor(
    private readonly em: EntityManager,
    private readonly credits: CreditsService,
    private readonly finisher: RunFinisher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async execute(runId: string): Promise<void> {
    const startedAt = new Date();
    // Its time limit counts from now: the hold's deadline moves with the claim, in one transaction.
    const claimed = await this.whileDatabaseAway(`claiming run ${runId}`, () =>
      this.credits.transaction(async (tx) => {
        const updated = await tx.em.nativeUpdate(
          ToolRun,
          { id: runId, status: 'queued' },
          { status: 'running', startedAt, worker: this.workerName },
        );
        const claimedRun = updated > 0 ? await tx.em.findOne(ToolRun, { id: runId }) : null;
        if (claimedRun)
          await tx.extend(
            runHold(claimedRun),
            new Date(startedAt.getTime() + claimedRun.timeoutSeconds * 1000),
          );
        return updated;
      }, startedAt),
    );
    const run = await this.whileDatabaseAway(`reading run ${runId}`, () =>
      this.em.fork().findOne(ToolRun, { id: runId }),
    );
    if (!run) return;
    if (claimed === 0) {
      // Only a job whose worker stopped answering comes back while its run is still running.
      if (run.status === 'running') await this.abandon(run);
      return;
    }
    await this.run(run, startedAt);
  }

  private whileDatabaseAway<T>(what: string, work: () => Promise<T>): Promise<T> {
    return retryWhileUnavailable(work, {
      windowMs: DATABASE_RETRY_WINDOW_MS,
      onRetry: (error, attempt) =>
        this.logger.warn(
          `${what}: the database is unavailable, trying again (${attempt}): ${userMessage(error)}`,
        ),
    });
  }

  /** Stops every run of this process (shutdown): they end as failed with their credits back. */
  stopAll(): void {
    for (const stop of this.active.values()) stop('shutdown');
  }

  private async abandon(run: ToolRun): Promise<void> {
    const error = 'The worker running this stopped responding. Your credits were returned.';
    this.logger.warn(`run ${run.id} was left running by ${run.worker ?? 'a worker'}; finishing it as failed`);
    if (await this.finisher.finish(run, 'failed', error, [], { bytes: run.outputBytes, truncated: false }))
      await this.finisher.announce(run.id, { status: 'failed', at: new Date().toISOString(), error });
  }

  private async run(run: ToolRun, startedAt: Date): Promise<void> {
    const dir = join(this.config.runs.storageDir, run.id);
    // Made before the log is opened (which would race it); a failure here fails the run, below.
    const dirError = await mkdir(dir, { recursive: true }).then(
      () => null,
      (caught: NodeJS.ErrnoException) => caught,
    );
    const output = new RunOutput(
      this.redis,
      this.config.redis.prefix,
      run.id,
      join(dir, 'output.log'),
      this.config.runs.outputMaxBytes,
    );
    const openError = dirError ?? (await output.opened());
    await output.status({ status: 'running', at: startedAt.toISOString() });

    const controller = new AbortController();
    let stopReason = null as StopReason | null;
    const stop = (reason: StopReason) => {
      if (controller.signal.aborted) return;
      stopReason = reason;
      controller.abort(new Error(reason));
    };
    this.active.set(run.id, stop);
    const timer = setTimeout(() => stop('timeout'), run.timeoutSeconds * 1000);
    const cancelWatch = setInterval(() => void this.watchCancel(run.id, stop), CANCEL_POLL_MS);
    output.whenFileFails(() => stop('storage'));

    const tool = findTool(run.toolId);
    let results: RunResult[] = [];
    let status = 'succeeded' as FinalStatus;
    let error: string | null = null;
    try {
      if (openError) throw openError;
      if (!tool) throw new Error(`This worker does not know the tool ${run.toolId}.`);
      const target = await resolveRunTarget(run.config, this.config.runs.allowPrivateTargets);
      if (!target.ok) throw new Error(target.error.detail);
      const where = target.target ? ` (${target.target.address})` : '';
      output.print(ansi.cyan(`▶ ${tool.name} on ${run.target}${where}`));
      results = await Promise.race([
        tool.run({
          config: run.config,
          target: target.target,
          resolver: target.resolver,
          signal: controller.signal,
          print: (line) => output.print(line),
          workDir: dir,
        }),
        // A runner that ignores the abort is left behind: the run still ends on time.
        new Promise<never>((_, reject) =>
          controller.signal.addEventListener(
            'abort',
            () => setTimeout(() => reject(controller.signal.reason), ABORT_GRACE_MS),
            { once: true },
          ),
        ),
      ]);
    } catch (caught) {
      if (!stopReason) {
        status = 'failed';
        error = userMessage(caught);
      }
    } finally {
      clearTimeout(timer);
      clearInterval(cancelWatch);
      this.active.delete(run.id);
    }
    if (stopReason) {
      status = STOPPED_STATUS[stopReason];
      error =
        stopReason === 'timeout'
          ? `Stopped after the ${run.timeoutSeconds}-second time limit; what it found so far is kept.`
          : stopReason === 'shutdown'
            ? 'The worker was restarted during the run. Your credits were returned.'
            : null;
    }
    // A write can fail after the tool is done: the whole log must be on disk before the run counts.
    const storageError = openError ?? (await output.fileSynced());
    if (storageError && status !== 'cancelled') {
      this.logger.error(`run ${run.id}: its output cannot be saved: ${storageError.message}`);
      status = 'failed';
      error = storageFailureMessage(storageError);
    }
    if (status === 'failed') results = [];

    const counts = await this.whileDatabaseAway(`finishing run ${run.id}`, () =>
      this.finisher.finish(run, status, error, results, output),
    );
    const seconds = ((Date.now() - startedAt.getTime()) / 1000).toFixed(1);
    if (status === 'succeeded' || status === 'timed_out')
      output.print(
        `${status === 'succeeded' ? ansi.green('✔ Finished') : ansi.yellow('⏱ Timed out')} in ${seconds}s: ${counts?.total ?? 0} result(s), ${counts?.new ?? 0} new, ${counts?.gone ?? 0} gone.`,
      );
    else if (status === 'cancelled')
      output.print(`${ansi.yellow(`■ Cancelled after ${seconds}s.`)} Your credits were returned.`);
    else output.print(ansi.red(`✖ Failed: ${error}`));
    await output.flush();
    if (counts)
      await this.finisher.announce(run.id, {
        status,
        at: new Date().toISOString(),
        error,
        resultCounts: counts,
      });
    await output.close(FINISHED_STREAM_TTL_SECONDS);
  }

  private async watchCancel(runId: string, stop: (reason: StopReason) => void): Promise<void> {
    const run = await this.em
      .fork()
      .findOne(ToolRun, { id: runId }, { fields: ['status', 'cancelRequestedAt'] })
      .catch(() => null);
    if (run && (run.cancelRequestedAt || run.status !== 'running')) stop('cancel');
  }
}
