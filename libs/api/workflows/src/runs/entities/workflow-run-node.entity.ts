import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import type { WorkflowItem } from '../workflow-items';

export const NODE_STATUSES = [
  'pending',
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'skipped',
  'cached',
] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];
export const FINISHED_NODE_STATUSES: readonly NodeStatus[] = [
  'succeeded',
  'failed',
  'cancelled',
  'skipped',
  'cached',
];
/** Finished with results its children can use. */
export const DONE_NODE_STATUSES: readonly NodeStatus[] = ['succeeded', 'cached'];

/** One tool run a node starts: one per input item (fan-out), or one for a node with no input. */
export interface NodeLaunch {
  /** What the run is given in the tool's input field (empty for a node with no input). */
  input: string;
  /** Extra settings the item brings (a port for TLS inspection). */
  extra: Record<string, unknown>;
  toolRunId: string | null;
  /** Why it could not be started (the target policy refused the item, credits ran out). */
  error?: string;
}

/** Where one node of one workflow run is: its inputs, its tool runs and what it gave its children. */
@Entity({ tableName: 'workflow_run_nodes' })
@Unique({ properties: ['runId', 'nodeId'] })
@Index({ properties: ['userId', 'cacheKey', 'finishedAt'] })
export class WorkflowRunNode {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  runId!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'string', length: 40 })
  nodeId!: string;

  @Enum({ items: [...NODE_STATUSES] })
  status: NodeStatus & Opt = 'pending';

  /** Why it was skipped, failed or capped, in words for the run view. */
  @Property({ type: 'string', length: 500, nullable: true })
  reason: string | null = null;

  @Property({ type: 'json' })
  launches: NodeLaunch[] & Opt = [];

  @Property({ type: 'json' })
  items: WorkflowItem[] & Opt = [];

  /** Tool, settings and inputs, hashed: the same key finds results to reuse. */
  @Property({ type: 'string', length: 64, nullable: true })
  cacheKey: string | null = null;

  /** Credits its runs actually cost (0 when cached). */
  @Property({ type: 'integer' })
  cost: number & Opt = 0;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  startedAt: Date | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  finishedAt: Date | null = null;
}
