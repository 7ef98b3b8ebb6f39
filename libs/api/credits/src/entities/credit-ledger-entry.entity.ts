import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import type { CreditBucketKind } from './credit-bucket.entity';

export type LedgerEntryKind = 'grant' | 'spend' | 'refund' | 'expiry';

/**
 * Append-only history of every credit movement, one row per bucket touched. Amounts are signed: the
 * sum of a user's entries always equals the sum of their buckets' `remaining` (tested).
 */
@Entity({ tableName: 'credit_ledger' })
@Index({ properties: ['userId', 'at'] })
export class CreditLedgerEntry {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  at: Date & Opt = new Date();

  @Enum({ items: ['grant', 'spend', 'refund', 'expiry'] })
  kind!: LedgerEntryKind;

  @Property({ type: 'integer' })
  amount!: number;

  @Property({ type: 'uuid' })
  bucketId!: string;

  @Enum({ items: ['daily', 'pro', 'topup', 'grant'] })
  bucketKind!: CreditBucketKind;

  /** What caused it: a bucket source for grants and expiries, a reservation reference for spends. */
  @Property({ type: 'string', length: 200 })
  reference!: string;

  @Property({ type: 'string', length: 300, nullable: true })
  description: string | null = null;
}
