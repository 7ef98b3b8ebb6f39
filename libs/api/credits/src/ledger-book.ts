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
    const lock = () =>
      em.execute<unknown[]>('select user_id from credit_accounts where user_id = ? for update', [userId]);
    // The row exists from the user's first credit change on: one round trip then, not two.
    if ((await lock()).length > 0) return;
    await em.execute('insert into credit_accounts (user_id) values (?) on conflict do nothing', [userId]);
    await lock();
  },

  /**
   * The user's live buckets, today's free credits (in the user's zone) granted first when they are
   * not yet: one query on the common path, where they are. The caller holds the user's lock.
   */
  async liveBucketsToday(
    em: EntityManager,
    userId: string,
    dailyFree: number,
    timeZone: string,
    now: Date,
  ): Promise<CreditBucket[]> {
    const source = `daily:${userId}:${localDate(now, timeZone)}`;
    const isLive = { remaining: { $gt: 0 }, $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }] };
    // Today's daily bucket comes along even when it is spent, which is how we know it was granted.
    const found = await em.find(CreditBucket, { userId, $or: [isLive, { source }] });
    const live = found.filter(
      (bucket) => bucket.remaining > 0 && (bucket.expiresAt === null || bucket.expiresAt > now),
    );
    if (dailyFree <= 0 || found.some((bucket) => bucket.source === source)) return live;
    const daily = ledgerBook.addBucket(
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
    return [...live, daily];
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
