import { RUN_STATUSES, type RunResultCounts, type RunStatus } from '@huntkit/shared/run-events';
import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

// Statuses and result counts travel on the live stream too, so the web app's type and this one are one.
export { RESULT_SEVERITIES as SEVERITIES } from '@huntkit/shared/run-events';
export { RUN_STATUSES, type RunResultCounts, type RunStatus };
/** Runs that hold credits and count against the user's concurrency limit. */
export const ACTIVE_RUN_STATUSES: readonly RunStatus[] = ['queued', 'running'];

/**
 * One launch of a tool by a user: the config it ran with, where it is in its life, what it cost and
 * where its output lives. The terminal output itself is a file (and a Redis stream while live).
 */
@Entity({ tableName: 'tool_runs' })
@Unique({ properties: ['userId', 'idempotencyKey'] })
@Index({ properties: ['userId', 'createdAt'] })
@Index({ properties: ['userId', 'toolId', 'target', 'finishedAt'] })
@Index({ properties: ['userId', 'status'] })
export class ToolRun {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'string', length: 60 })
  toolId!: string;

  /** What the run was pointed at, as the user typed it (host, URL or domain). */
  @Property({ type: 'string', length: 2048 })
  target!: string;

  @Property({ type: 'json' })
  config!: Record<string, unknown>;

  @Enum({ items: [...RUN_STATUSES] })
  status: RunStatus & Opt = 'queued';

  @Property({ type: 'integer' })
  cost!: number;

  @Property({ type: 'string', length: 100 })
  idempotencyKey!: string;

  @Property({ type: 'integer' })
  timeoutSeconds!: number;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  startedAt: Date | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  finishedAt: Date | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  cancelRequestedAt: Date | null = null;

  /** Why a run failed, in words for the user (never a stack trace). */
  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  /** The worker process that ran it (host and pid), for operators. */
  @Property({ type: 'string', length: 200, nullable: true })
  worker: string | null = null;

  @Property({ type: 'bigint', columnType: 'bigint' })
  outputBytes: number & Opt = 0;

  @Property({ type: 'boolean' })
  outputTruncated: boolean & Opt = false;

  @Property({ type: 'json', nullable: true })
  resultCounts: RunResultCounts | null = null;

  /** The run of the same tool on the same target this one was compared with. */
  @Property({ type: 'uuid', nullable: true })
  previousRunId: string | null = null;

  /** Set when retention removed the log and artifacts. */
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  outputPurgedAt: Date | null = null;
}
