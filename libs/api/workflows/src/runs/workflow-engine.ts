import { BillingService } from '@huntkit/api/billing';
import { ProblemException } from '@huntkit/api/core';
import {
  type CatalogTool,
  RunsService,
  ToolCatalogService,
  ToolRun,
  ToolRunResult,
} from '@huntkit/api/tools';
import {
  topologicalOrder,
  type WorkflowGraph,
  type WorkflowNode,
  WORKFLOW_LIMITS,
} from '@huntkit/shared/workflow';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { WorkflowVersion } from '../entities/workflow-version.entity';
import { WorkflowRun } from './entities/workflow-run.entity';
import {
  DONE_NODE_STATUSES,
  FINISHED_NODE_STATUSES,
  type NodeLaunch,
  type NodeStatus,
  WorkflowRunNode,
} from './entities/workflow-run-node.entity';
import { applyFilter, inputItems, itemsFromResults, launchInput, type WorkflowItem } from './workflow-items';
import { WorkflowRunEvents } from './workflow-run-events';

/** Runs one fan-out node may start, by plan (the workflow's own cap is WORKFLOW_LIMITS.fanOut). */
export const FAN_OUT_CAP = { free: 25, pro: WORKFLOW_LIMITS.fanOut } as const;
const ACTIVE_TOOL_RUN: readonly string[] = ['queued', 'running'];
const CHARGED_TOOL_RUN: readonly string[] = ['succeeded', 'timed_out'];

/** The tool run key of one launch: a retried step finds the run it already started. */
export const launchKey = (run: WorkflowRun, nodeId: string, index: number) =>
  `wf:${run.id}:${run.attempt}:${nodeId}:${index}`;
/** The workflow run a tool run belongs to, from its key; null for a run launched on its own. */
export const workflowRunOfKey = (key: string) => /^wf:([0-9a-f-]{36}):/.exec(key)?.[1] ?? null;

interface Step {
  em: EntityManager;
  run: WorkflowRun;
  graph: WorkflowGraph;
  rows: Map<string, WorkflowRunNode>;
  tools: Map<string, CatalogTool>;
  fanOutCap: number;
  now: Date;
  /** Set once the user's concurrency limit refused a launch: the rest wait for a run to finish. */
  slotsFull: boolean;
}

const nameOf = (node: WorkflowNode, tools: Map<string, CatalogTool>) =>
  node.label ??
  (node.type === 'tool'
    ? (tools.get(node.toolId)?.name ?? node.toolId)
    : node.type === 'input'
      ? 'Targets'
      : 'Filter');

/**
 * Moves a workflow run forward from what Postgres says, never from memory: finishes nodes whose tool
 * runs ended, starts nodes whose inputs are all done (launching tool runs up to the user's concurrency
 * limit), skips the dependants of failed nodes, and ends the run. One step at a time per run (an
 * advisory lock); any worker may take the next, and a repeated step changes nothing.
 */
@Injectable()
export class WorkflowEngine {
  constructor(
    private readonly em: EntityManager,
    private readonly runs: RunsService,
    private readonly catalog: ToolCatalogService,
    private readonly billing: BillingService,
    private readonly events: WorkflowRunEvents,
  ) {}

  async advance(runId: string): Promise<void> {
    const announced: { nodeId: string | null; status: string }[] = [];
    await this.em.fork().transactional(async (em) => {
      await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`workflow-run:${runId}`]);
      const run = await em.findOne(WorkflowRun, { id: runId }, { refresh: true });
      if (!run || run.status !== 'running') return;
      const version = await em.findOneOrFail(WorkflowVersion, {
        workflow: run.workflowId,
        version: run.version,
      });
      const rows = new Map(
        (await em.find(WorkflowRunNode, { runId }, { refresh: true })).map((row) => [row.nodeId, row]),
      );
      const before = new Map([...rows].map(([id, row]) => [id, row.status]));
      const step: Step = {
        em,
        run,
        graph: version.graph,
        rows,
        tools: new Map((await this.catalog.list()).map((tool) => [tool.id, tool])),
        fanOutCap: FAN_OUT_CAP[(await this.billing.planOf(run.userId)).plan],
        now: new Date(),
        slotsFull: false,
      };
      for (const nodeId of topologicalOrder(version.graph) ?? []) {
        const node = version.graph.nodes.find((candidate) => candidate.id === nodeId) as WorkflowNode;
        const row = rows.get(nodeId) as WorkflowRunNode;
        if (FINISHED_NODE_STATUSES.includes(row.status)) continue;
        if (run.cancelRequestedAt) await this.cancelNode(step, row);
        else await this.stepNode(step, node, row);
      }
      for (const [nodeId, row] of rows)
        if (before.get(nodeId) !== row.status) announced.push({ nodeId, status: row.status });
      if ([...rows.values()].every((row) => FINISHED_NODE_STATUSES.includes(row.status))) {
        this.finishRun(step);
        announced.push({ nodeId: null, status: run.status });
      }
    });
    for (const change of announced) await this.events.announce(runId, change);
  }

  private async stepNode(step: Step, node: WorkflowNode, row: WorkflowRunNode): Promise<void> {
    if (row.status === 'pending') await this.startNode(step, node, row);
    if ((row.status === 'queued' || row.status === 'running') && node.type === 'tool')
      await this.driveLaunches(step, node, row);
  }

  private finish(step: Step, row: WorkflowRunNode, status: NodeStatus, reason: string | null = row.reason) {
    row.status = status;
    row.reason = reason;
    row.finishedAt = step.now;
  }

  /** A node whose inputs are all done starts: input and filter nodes finish at once, tools queue. */
  private async startNode(step: Step, node: WorkflowNode, row: WorkflowRunNode): Promise<void> {
    const { graph, rows, tools } = step;
    const incoming = graph.edges.filter((edge) => edge.target === node.id);
    for (const edge of incoming) {
      const parent = rows.get(edge.source) as WorkflowRunNode;
      if (DONE_NODE_STATUSES.includes(parent.status)) continue;
      if (!FINISHED_NODE_STATUSES.includes(parent.status)) return; // still waiting for it
      const parentNode = graph.nodes.find((candidate) => candidate.id === edge.source) as WorkflowNode;
      const why = parent.status === 'failed' ? 'failed' : 'did not run';
      return this.finish(step, row, 'skipped', `${nameOf(parentNode, tools)} ${why}, so this did not run.`);
    }
    const fed = incoming.flatMap((edge) =>
      (rows.get(edge.source) as WorkflowRunNode).items.filter((item) => item.kind === edge.kind),
    );
    row.startedAt = step.now;
    if (node.type === 'input') return this.finishWithItems(step, row, inputItems(node));
    if (node.type === 'filter') return this.finishWithItems(step, row, await applyFilter(node.filter, fed));
    const tool = tools.get(node.toolId);
    if (!tool || !tool.enabled || tool.unavailableReason)
      return this.finish(
        step,
        row,
        'failed',
        `${nameOf(node, tools)} is not available: ${tool?.unavailableReason ?? 'switched off'}.`,
      );
    let launches = uniqueLaunches(
      incoming.length === 0
        ? [{ input: '', extra: {} }]
        : fed.map((item) => launchInput(item, tool.input.field, node.config)),
    );
    if (launches.length > step.fanOutCap) {
      row.reason = `Ran on the first ${step.fanOutCap} of ${launches.length} inputs: the most one node may start on your plan.`;
      launches = launches.slice(0, step.fanOutCap);
    }
    if (launches.length === 0)
      return this.finish(step, row, 'succeeded', 'Nothing to run: its inputs gave no items.');
    row.cacheKey = cacheKeyOf(node.toolId, node.config, launches);
    const reused = await this.reusable(step, row.cacheKey);
    if (reused) {
      row.items = reused.items;
      row.cost = 0;
      return this.finish(
        step,
        row,
        'cached',
        `Reused the results of an identical run from ${reused.finishedAt?.toISOString()}.`,
      );
    }
    row.launches = launches.map((launch) => ({ ...launch, toolRunId: null }));
    row.status = 'queued';
  }

  private finishWithItems(step: Step, row: WorkflowRunNode, items: WorkflowItem[]): void {
    row.items = items;
    this.finish(step, row, 'succeeded');
  }

  /** The newest finished run of the same tool, settings and inputs young enough to reuse. */
  private reusable(step: Step, cacheKey: string): Promise<WorkflowRunNode | null> {
    const { run, em, now } = step;
    if (run.cacheMaxAgeSeconds <= 0) return Promise.resolve(null);
    return em.findOne(
      WorkflowRunNode,
      {
        userId: run.userId,
        cacheKey,
        status: 'succeeded',
        finishedAt: { $gte: new Date(now.getTime() - run.cacheMaxAgeSeconds * 1000) },
      },
      { orderBy: { finishedAt: 'desc' } },
    );
  }

  /** Launches what is not launched yet (as the user's limit allows), then finishes the node once all ended. */
  private async driveLaunches(
    step: Step,
    node: Extract<WorkflowNode, { type: 'tool' }>,
    row: WorkflowRunNode,
  ) {
    const tool = step.tools.get(node.toolId) as CatalogTool;
    const launches = row.launches.map((launch) => ({ ...launch }));
    for (const [index, launch] of launches.entries()) {
      if (launch.toolRunId || launch.error || step.slotsFull) continue;
      const config = {
        ...node.config,
        ...(launch.input ? { [tool.input.field]: launch.input } : {}),
        ...launch.extra,
      };
      try {
        const { run } = await this.runs.launch(step.run.userId, node.toolId, {
          config,
          idempotencyKey: launchKey(step.run, node.id, index),
        });
        launch.toolRunId = run.id;
        row.status = 'running';
      } catch (error) {
        const code = error instanceof ProblemException ? error.code : null;
        if (code === 'too_many_active_runs') step.slotsFull = true;
        else launch.error = code === 'insufficient_credits' ? 'Not enough credits.' : launchError(error);
      }
    }
    row.launches = launches;
    const ids = launches.flatMap((launch) => (launch.toolRunId ? [launch.toolRunId] : []));
    const toolRuns = ids.length ? await step.em.find(ToolRun, { id: ids }, { refresh: true }) : [];
    const pending = launches.filter((launch) => !launch.error && !launch.toolRunId).length;
    if (pending > 0 || toolRuns.some((run) => ACTIVE_TOOL_RUN.includes(run.status))) return;
    await this.finishTool(step, row, launches, toolRuns);
  }

  private async finishTool(step: Step, row: WorkflowRunNode, launches: NodeLaunch[], toolRuns: ToolRun[]) {
    const charged = toolRuns.filter((run) => CHARGED_TOOL_RUN.includes(run.status));
    row.cost = charged.reduce((sum, run) => sum + run.cost, 0);
    const failures = launches.length - charged.length;
    if (charged.length === 0) {
      const first =
        launches.find((launch) => launch.error)?.error ?? toolRuns.find((run) => run.error)?.error;
      return this.finish(
        step,
        row,
        'failed',
        first ?? `Its ${launches.length === 1 ? 'run' : 'runs'} did not succeed.`,
      );
    }
    const results = await step.em.find(
      ToolRunResult,
      { run: charged.map((run) => run.id), change: { $ne: 'gone' } },
      { orderBy: { position: 'asc' } },
    );
    row.items = charged.flatMap((run) =>
      itemsFromResults(
        run.target,
        results.filter((result) => result.run.id === run.id),
      ),
    );
    this.finish(
      step,
      row,
      'succeeded',
      failures > 0 ? `${failures} of ${launches.length} runs did not succeed.` : row.reason,
    );
  }

  /** Cancelling: running tool runs are asked to stop; the node ends once none is left running. */
  private async cancelNode(step: Step, row: WorkflowRunNode): Promise<void> {
    const ids = row.launches.flatMap((launch) => (launch.toolRunId ? [launch.toolRunId] : []));
    const toolRuns = ids.length ? await step.em.find(ToolRun, { id: ids }, { refresh: true }) : [];
    const active = toolRuns.filter((run) => ACTIVE_TOOL_RUN.includes(run.status));
    for (const run of active) await this.runs.cancel(step.run.userId, run.id);
    const still = active.length
      ? (await step.em.find(ToolRun, { id: active.map((run) => run.id) }, { refresh: true })).filter((run) =>
          ACTIVE_TOOL_RUN.includes(run.status),
        )
      : [];
    if (still.length === 0) {
      row.cost = toolRuns
        .filter((run) => CHARGED_TOOL_RUN.includes(run.status))
        .reduce((sum, run) => sum + run.cost, 0);
      this.finish(step, row, 'cancelled', 'The workflow run was cancelled.');
    }
  }

  private finishRun(step: Step): void {
    const { run, rows } = step;
    const failed = [...rows.values()].filter((row) => row.status === 'failed');
    run.status = run.cancelRequestedAt ? 'cancelled' : failed.length ? 'failed' : 'succeeded';
    run.error = failed.length
      ? `${failed.length === 1 ? 'A node' : `${failed.length} nodes`} failed: ${failed.map((row) => row.nodeId).join(', ')}.`
      : null;
    run.finishedAt = step.now;
  }
}

function uniqueLaunches(launches: { input: string; extra: Record<string, unknown> }[]) {
  const seen = new Set<string>();
  return launches.filter((launch) => {
    const identity = JSON.stringify(launch);
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
}

function cacheKeyOf(
  toolId: string,
  config: Record<string, unknown>,
  launches: { input: string; extra: Record<string, unknown> }[],
) {
  const sortedConfig = Object.fromEntries(Object.entries(config).sort(([a], [b]) => a.localeCompare(b)));
  const inputs = launches.map((launch) => JSON.stringify(launch)).sort();
  return createHash('sha256')
    .update(JSON.stringify({ toolId, config: sortedConfig, inputs }))
    .digest('hex');
}

function launchError(error: unknown): string {
  if (error instanceof ProblemException) {
    const fields = (error.extensions['errors'] as { detail: string }[] | undefined)?.map(
      (field) => field.detail,
    );
    return (fields?.length ? fields.join(' ') : error.message).slice(0, 300);
  }
  return 'The run could not be started.';
}
