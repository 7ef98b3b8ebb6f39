import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** What an admin changed about a tool; a tool without a row uses its code defaults. */
@Entity({ tableName: 'tool_settings' })
export class ToolSetting {
  @PrimaryKey({ type: 'string', length: 60 })
  toolId!: string;

  @Property({ type: 'boolean' })
  enabled: boolean & Opt = true;

  /** Credits a run costs, over the code default; null keeps the default. */
  @Property({ type: 'integer', nullable: true })
  cost: number | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
