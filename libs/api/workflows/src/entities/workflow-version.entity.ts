import type { WorkflowGraph } from '@huntkit/shared/workflow';
import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Workflow } from './workflow.entity';

/** One saved graph of a workflow. Written once: a change to the graph is a new version. */
@Entity({ tableName: 'workflow_versions' })
@Unique({ properties: ['workflow', 'version'] })
export class WorkflowVersion {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workflow, { deleteRule: 'cascade' })
  workflow!: Workflow;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'json' })
  graph!: WorkflowGraph;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
