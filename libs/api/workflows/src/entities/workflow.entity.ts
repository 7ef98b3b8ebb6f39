import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

/**
 * A user's saved workflow: its name and which of its versions is current. The graph itself lives in
 * versions, which never change once written, so every run can say exactly what it ran.
 */
@Entity({ tableName: 'workflows' })
@Index({ properties: ['userId', 'updatedAt'] })
export class Workflow {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'string', length: 120 })
  name!: string;

  @Property({ type: 'string', length: 2000 })
  description: string & Opt = '';

  /** The number of the current version (1 for a new workflow). */
  @Property({ type: 'integer' })
  version: number & Opt = 1;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz' })
  updatedAt: Date & Opt = new Date();
}
