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
const DAILY_REASON = 'Daily free credits';

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
   * The user's live buckets, today's free credits granted first when they are not yet. Today's are
   * the daily bucket that has not expired (it expires at the user's next midnight), so the common path
   * is one query and the user's zone is only asked for when granting. Needs no lock: the grant is
   * idempotent by its source, and whoever spends re-checks each bucket under its row lock.
   */
  async liveBucketsToday(
    em: EntityManager,
    userId: string,
    dailyFree: number,
    timeZone: () => Promise<string>,
    now: Date,
  ): Promise<CreditBucket[]> {
    const notExpired = { $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }] };
    // Today's daily bucket comes along even when it is spent, which is how we know it was granted.
    const read = () =>
      em.find(
        CreditBucket,
        {
          userId,
          $or: [
            { remaining: { $gt: 0 }, ...notExpired },
            { kind: 'daily', expiresAt: { $gt: now } },
          ],
        },
        { refresh: true },
      );
    let found = await read();
    if (dailyFree > 0 && !found.some((bucket) => bucket.kind === 'daily')) {
      const zone = await timeZone();
      const source = `daily:${userId}:${localDate(now, zone)}`;
      await ledgerBook.grantDailyOnce(em, userId, dailyFree, source, nextLocalMidnight(now, zone), now);
      found = await read();
    }
    return found.filter((bucket) => bucket.remaining > 0);
  },

  /** Today's free credits and their ledger entry, unless a concurrent transaction granted them first. */
  async grantDailyOnce(
    em: EntityManager,
    userId: string,
    amount: number,
    source: string,
    expiresAt: Date,
    now: Date,
  ): Promise<void> {
    await em.execute(
      `with bucket as (
         insert into credit_buckets (id, user_id, kind, granted, remaining, expires_at, source, reason, created_at)
         values (gen_random_uuid(), ?, 'daily', ?, ?, ?, ?, ?, ?)
         on conflict (source) do nothing
         returning id
       )
       insert into credit_ledger (id, user_id, at, kind, amount, bucket_id, bucket_kind, reference, description)
       select gen_random_uuid(), ?, ?, 'grant', ?, id, 'daily', ?, ? from bucket`,
      [
        userId,
        amount,
        amount,
        expiresAt,
        source,
        DAILY_REASON,
        now,
        userId,
        now,
        amount,
        source,
        DAILY_REASON,
      ],
    );
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
