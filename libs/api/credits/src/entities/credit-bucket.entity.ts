import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

export type CreditBucketKind = 'daily' | 'pro' | 'topup' | 'grant';

/**
 * Credits granted together, spent down as runs use them. `source` makes every grant idempotent
 * (`daily:2026-11-24`, `invoice:in_…`, `checkout:cs_…`, `admin:<id>`): the same source never grants twice.
 */
@Entity({ tableName: 'credit_buckets' })
@Index({ properties: ['userId', 'expiresAt'] })
export class CreditBucket {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  userId!: string;

  @Enum({ items: ['daily', 'pro', 'topup', 'grant'] })
  kind!: CreditBucketKind;

  @Property({ type: 'integer' })
  granted!: number;

  @Property({ type: 'integer' })
  remaining!: number;

  /** Null for credits that never expire (top-up packs, grants without an end). */
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  expiresAt: Date | null = null;

  @Property({ type: 'string', length: 200, unique: true })
  source!: string;

  @Property({ type: 'string', length: 300, nullable: true })
  reason: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
