import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

/** One append-only audit row: who did what to whom, from where, when. Never updated or deleted by the app. */
@Entity({ tableName: 'audit_log' })
@Index({ properties: ['targetUserId', 'at'] })
@Index({ properties: ['actorId', 'at'] })
@Index({ properties: ['action', 'at'] })
export class AuditEntry {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @Property({ type: 'Date', columnType: 'timestamptz' })
  at: Date & Opt = new Date();

  /** Who acted; null for the system itself (a webhook, a scheduled job). */
  @Property({ type: 'uuid', nullable: true })
  actorId: string | null = null;

  /** Dotted verb, e.g. `credits.granted`, `pro.given`, `pro.removed`. */
  @Property({ type: 'string', length: 60 })
  action!: string;

  @Property({ type: 'uuid', nullable: true })
  targetUserId: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  ip: string | null = null;

  @Property({ type: 'string', length: 512, nullable: true })
  userAgent: string | null = null;

  @Property({ type: 'json' })
  details: Record<string, unknown> & Opt = {};
}
