import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

export const WORKFLOW_RUN_STATUSES = ['running', 'succeeded', 'failed', 'cancelled'] as const;
export type WorkflowRunStatus = (typeof WORKFLOW_RUN_STATUSES)[number];

/**
 * One launch of a workflow version. Its state lives here and in its nodes, never in a worker's memory,
 * so any worker can take the next step after another one died (`WorkflowEngine.advance`).
 */
@Entity({ tableName: 'workflow_runs' })
@Unique({ properties: ['userId', 'idempotencyKey'] })
@Index({ properties: ['workflowId', 'createdAt'] })
@Index({ properties: ['status'] })
export class WorkflowRun {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'uuid' })
  workflowId!: string;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'string', length: 100 })
  idempotencyKey!: string;

  @Enum({ items: [...WORKFLOW_RUN_STATUSES] })
  status: WorkflowRunStatus & Opt = 'running';

  /** Results younger than this are reused for a node whose tool, settings and inputs are unchanged. */
  @Property({ type: 'integer' })
  cacheMaxAgeSeconds!: number;

  /** Starts at 1; each resume counts one more, so its tool runs get fresh idempotency keys. */
  @Property({ type: 'integer' })
  attempt: number & Opt = 1;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  cancelRequestedAt: Date | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  error: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  finishedAt: Date | null = null;
}
