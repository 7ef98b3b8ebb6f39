import { ProblemException, QueueName, ValidationProblemException } from '@huntkit/api/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { InjectQueue } from '@nestjs/bullmq';
import { HttpStatus, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Workflow } from '../entities/workflow.entity';
import { WorkflowVersion } from '../entities/workflow-version.entity';
import { WorkflowChecks } from '../workflow-checks';
import { WorkflowRun } from './entities/workflow-run.entity';
import { WorkflowRunNode } from './entities/workflow-run-node.entity';

export interface WorkflowAdvanceJob {
  runId: string;
}

/** Every trigger adds a step; steps are idempotent and one runs at a time per run (the engine's lock). */
export const advanceJob = (runId: string) =>
  [
    'advance',
    { runId },
    { removeOnComplete: true, removeOnFail: 100, attempts: 3, backoff: { type: 'exponential', delay: 500 } },
  ] as const;

export interface WorkflowRunView {
  run: WorkflowRun;
  nodes: WorkflowRunNode[];
  /** Credits its tool runs spent, over every attempt. */
  cost: number;
}

const notFound = () =>
  new ProblemException(HttpStatus.NOT_FOUND, 'workflow_run_not_found', 'There is no such workflow run.');

/** Launching, reading, cancelling and resuming workflow runs; the engine on the workers runs them. */
@Injectable()
export class WorkflowRunsService {
  constructor(
    private readonly em: EntityManager,
    private readonly checks: WorkflowChecks,
    @InjectQueue(QueueName.workflows) private readonly queue: Queue<WorkflowAdvanceJob>,
  ) {}

  /**
   * Starts the current version of a workflow. Credits are held per tool run as each starts, not here;
   * the same idempotency key answers the first run again.
   */
  async launch(
    userId: string,
    workflowId: string,
    request: { idempotencyKey: string; cacheMaxAgeSeconds: number },
  ): Promise<{ view: WorkflowRunView; created: boolean }> {
    const em = this.em.fork();
    const workflow = await em.findOne(Workflow, { id: workflowId, userId });
    if (!workflow)
      throw new ProblemException(HttpStatus.NOT_FOUND, 'workflow_not_found', 'There is no such workflow.');
    const earlier = await em.findOne(WorkflowRun, { userId, idempotencyKey: request.idempotencyKey });
    if (earlier) {
      if (earlier.workflowId !== workflowId)
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'idempotency_key_reused',
          'This idempotency key was already used for a different launch.',
        );
      return { view: await this.get(userId, earlier.id), created: false };
    }
    const version = await em.findOneOrFail(WorkflowVersion, { workflow, version: workflow.version });
    // Saved graphs passed these checks, but the catalog may have changed since (a tool removed).
    const checked = await this.checks.check(version.graph);
    if (checked.problems.length)
      throw new ValidationProblemException(
        checked.problems.map((problem) => ({
          field: 'graph',
          pointer: `/graph${problem.pointer}`,
          detail: problem.message,
          code: problem.code,
          nodeIds: problem.nodeIds,
        })),
      );
    const run = em.create(WorkflowRun, {
      userId,
      workflowId,
      version: workflow.version,
      idempotencyKey: request.idempotencyKey,
      cacheMaxAgeSeconds: request.cacheMaxAgeSeconds,
    });
    const nodes = version.graph.nodes.map((node) =>
      em.create(WorkflowRunNode, { runId: run.id, userId, nodeId: node.id }),
    );
    await em.persist([run, ...nodes]).flush();
    await this.queue.add(...advanceJob(run.id));
    return { view: { run, nodes, cost: 0 }, created: true };
  }

  async list(userId: string, workflowId: string, { page, pageSize }: { page: number; pageSize: number }) {
    const em = this.em.fork();
    if (!(await em.count(Workflow, { id: workflowId, userId })))
      throw new ProblemException(HttpStatus.NOT_FOUND, 'workflow_not_found', 'There is no such workflow.');
    const [runs, total] = await em.findAndCount(
      WorkflowRun,
      { workflowId, userId },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: pageSize, offset: (page - 1) * pageSize },
    );
    const nodes = runs.length ? await em.find(WorkflowRunNode, { runId: runs.map((run) => run.id) }) : [];
    const costs = await this.costs(em, runs);
    return {
      items: runs.map((run) => ({
        run,
        nodes: nodes.filter((node) => node.runId === run.id),
        cost: costs.get(run.id) ?? 0,
      })),
      total,
    };
  }

  async get(userId: string, runId: string): Promise<WorkflowRunView> {
    const em = this.em.fork();
    const run = await em.findOne(WorkflowRun, { id: runId, userId });
    if (!run) throw notFound();
    const nodes = await em.find(WorkflowRunNode, { runId });
    return { run, nodes, cost: (await this.costs(em, [run])).get(run.id) ?? 0 };
  }

  /** What each run's tool runs were charged, found by the launch keys the engine gives them. */
  private async costs(em: EntityManager, runs: readonly WorkflowRun[]): Promise<Map<string, number>> {
    if (runs.length === 0) return new Map();
    const rows = await em.execute<{ run_id: string; cost: string }[]>(
      `select substring(idempotency_key from 4 for 36) as run_id, sum(cost) as cost from tool_runs
        where user_id = ? and status in ('succeeded', 'timed_out')
          and substring(idempotency_key from 4 for 36) in (${runs.map(() => '?').join(', ')})
          and idempotency_key like 'wf:%'
        group by 1`,
      [runs[0]?.userId, ...runs.map((run) => run.id)],
    );
    return new Map(rows.map((row) => [row.run_id, Number(row.cost)]));
  }

  async node(userId: string, runId: string, nodeId: string): Promise<WorkflowRunNode> {
    await this.get(userId, runId);
    const node = await this.em.fork().findOne(WorkflowRunNode, { runId, nodeId });
    if (!node)
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'workflow_node_not_found',
        'There is no such node in this run.',
      );
    return node;
  }

  /** Cancels every running node and releases the rest; cancelling a finished run changes nothing. */
  async cancel(userId: string, runId: string): Promise<WorkflowRunView> {
    await this.get(userId, runId);
    const flagged = await this.em
      .fork()
      .nativeUpdate(
        WorkflowRun,
        { id: runId, status: 'running', cancelRequestedAt: null },
        { cancelRequestedAt: new Date() },
      );
    if (flagged) await this.queue.add(...advanceJob(runId));
    return this.get(userId, runId);
  }

  /**
   * Carries on a failed or cancelled run: nodes that finished keep their results, the others start
   * again (with fresh tool runs). Resuming a running or succeeded run changes nothing.
   */
  async resume(userId: string, runId: string): Promise<WorkflowRunView> {
    const { run } = await this.get(userId, runId);
    if (run.status === 'failed' || run.status === 'cancelled') {
      const resumed = await this.em.fork().transactional(async (em) => {
        const updated = await em.nativeUpdate(
          WorkflowRun,
          { id: runId, status: run.status, attempt: run.attempt },
          {
            status: 'running',
            attempt: run.attempt + 1,
            cancelRequestedAt: null,
            finishedAt: null,
            error: null,
          },
        );
        if (updated === 0) return false;
        await em.nativeUpdate(
          WorkflowRunNode,
          { runId, status: { $in: ['failed', 'cancelled', 'skipped', 'queued', 'running'] } },
          {
            status: 'pending',
            reason: null,
            launches: [],
            items: [],
            cost: 0,
            startedAt: null,
            finishedAt: null,
          },
        );
        return true;
      });
      if (resumed) await this.queue.add(...advanceJob(runId));
    }
    return this.get(userId, runId);
  }
}
