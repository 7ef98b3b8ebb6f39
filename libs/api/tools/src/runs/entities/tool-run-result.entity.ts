import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import type { ResultKind } from '../../definitions/tool-definition';
import type { Severity } from '../../runners/runner';
import { SEVERITIES, ToolRun } from './tool-run.entity';

export const RESULT_CHANGES = ['new', 'unchanged', 'gone'] as const;
export type ResultChange = (typeof RESULT_CHANGES)[number];

/**
 * A normalized result of a run (asset or finding). `fingerprint` is the same for the same thing found
 * by the same tool on the same target, so runs can be compared; `gone` rows carry over what the
 * previous run found and this one did not.
 */
@Entity({ tableName: 'tool_run_results' })
@Unique({ properties: ['run', 'fingerprint'] })
@Index({ properties: ['run', 'severity'] })
export class ToolRunResult {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => ToolRun, { deleteRule: 'cascade' })
  run!: ToolRun;

  @Property({ type: 'string', length: 64 })
  fingerprint!: string;

  @Property({ type: 'string', length: 40 })
  kind!: ResultKind;

  @Property({ type: 'string', length: 500 })
  key!: string;

  @Property({ type: 'string', length: 500 })
  title!: string;

  @Enum({ items: [...SEVERITIES] })
  severity!: Severity;

  @Property({ type: 'json' })
  data!: Record<string, unknown>;

  @Enum({ items: [...RESULT_CHANGES] })
  change: ResultChange & Opt = 'new';

  /** Position in the runner's output, so the table keeps the tool's own order. */
  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
