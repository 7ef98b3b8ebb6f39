import type { EntityManager } from '@mikro-orm/postgresql';
import { CreditBucket, type CreditBucketKind } from './entities/credit-bucket.entity';
import { CreditLedgerEntry, type LedgerEntryKind } from './entities/credit-ledger-entry.entity';
import { localDate, nextLocalMidnight } from './zoned-time';

export interface BucketGrant {
  kind: CreditBucketKind;
  amount: number;
  expiresAt: Date | null;
  source: string;
  reason: string | null;
}

/**
 * The ledger's primitives, each inside the caller's transaction. Whoever changes a user's buckets
 * holds that user's account row lock first (`lockAccount`), so concurrent changes queue up in
 * Postgres and can never oversell; every change to a bucket writes a ledger entry of the same amount,
 * so the ledger always sums to what the buckets hold.
 */
export const ledgerBook = {
  async lockAccount(em: EntityManager, userId: string): Promise<void> {
    await em.execute('insert into credit_accounts (user_id) values (?) on conflict do nothing', [userId]);
    await em.execute('select user_id from credit_accounts where user_id = ? for update', [userId]);
  },

  liveBuckets(em: EntityManager, userId: string, now: Date): Promise<CreditBucket[]> {
    return em.find(CreditBucket, {
      userId,
      remaining: { $gt: 0 },
      $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }],
    });
  },

  /** Grants today's free credits (in the user's zone) once; the caller holds the user's lock. */
  async ensureDaily(
    em: EntityManager,
    userId: string,
    dailyFree: number,
    timeZone: string,
    now: Date,
  ): Promise<void> {
    if (dailyFree <= 0) return;
    const source = `daily:${userId}:${localDate(now, timeZone)}`;
    if (await em.count(CreditBucket, { source })) return;
    ledgerBook.addBucket(
      em,
      userId,
      {
        kind: 'daily',
        amount: dailyFree,
        expiresAt: nextLocalMidnight(now, timeZone),
        source,
        reason: 'Daily free credits',
      },
      now,
    );
    await em.flush();
  },

  addBucket(em: EntityManager, userId: string, grant: BucketGrant, now: Date): CreditBucket {
    const bucket = em.create(CreditBucket, {
      userId,
      kind: grant.kind,
      granted: grant.amount,
      remaining: grant.amount,
      expiresAt: grant.expiresAt,
      source: grant.source,
      reason: grant.reason,
      createdAt: now,
    });
    em.persist(bucket);
    ledgerBook.record(em, userId, 'grant', grant.amount, bucket, grant.source, now, grant.reason);
    return bucket;
  },

  record(
    em: EntityManager,
    userId: string,
    kind: LedgerEntryKind,
    amount: number,
    bucket: Pick<CreditBucket, 'id' | 'kind'>,
    reference: string,
    at: Date,
    description: string | null = null,
  ): void {
    em.persist(
      em.create(CreditLedgerEntry, {
        userId,
        kind,
        amount,
        bucketId: bucket.id,
        bucketKind: bucket.kind,
        reference,
        at,
        description,
      }),
    );
  },
};
