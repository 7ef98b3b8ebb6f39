import { type AuditRecord, AuditService } from '@huntkit/api/audit';
import { ProblemException } from '@huntkit/api/core';
import { UsersService } from '@huntkit/api/users';
import { EntityManager } from '@mikro-orm/postgresql';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { CreditBucket, type CreditBucketKind } from './entities/credit-bucket.entity';
import { CreditLedgerEntry, type LedgerEntryKind } from './entities/credit-ledger-entry.entity';
import { CreditReservation } from './entities/credit-reservation.entity';
import { lastingCredits, LowCreditsAlert } from './low-credits-alert';
import { allocate, bySpendOrder } from './spend-order';
import { localDate, nextLocalMidnight } from './zoned-time';

export const CREDITS_POLICY = Symbol('CREDITS_POLICY');
export interface CreditsPolicy {
  /** Free credits every day, reset at the user's local midnight, spent first, never rolled over. */
  dailyFree: number;
}

export interface NewGrant {
  kind: Exclude<CreditBucketKind, 'daily'>;
  amount: number;
  expiresAt: Date | null;
  /** Makes the grant idempotent: a second grant with the same source returns the first. */
  source: string;
  reason?: string | null;
}

export interface Balance {
  total: number;
  reserved: number;
  dailyAllowance: number;
  dailyResetsAt: Date;
  buckets: {
    id: string;
    kind: CreditBucketKind;
    remaining: number;
    granted: number;
    expiresAt: Date | null;
  }[];
}

const insufficient = (required: number, available: number) =>
  new ProblemException(
    HttpStatus.PAYMENT_REQUIRED,
    'insufficient_credits',
    `This needs ${required} credit${required === 1 ? '' : 's'} and you have ${available}.`,
    { required, available },
  );

/**
 * The credit ledger. Every change to a user's credits happens in one transaction holding that user's
 * account row lock, so concurrent reservations and grants queue up in Postgres and can never oversell;
 * every change writes ledger entries whose sum equals what the buckets hold.
 */
@Injectable()
export class CreditsService {
  private readonly logger = new Logger(CreditsService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly lowCredits: LowCreditsAlert,
    @Inject(CREDITS_POLICY) private readonly policy: CreditsPolicy,
  ) {}

  /** Current balance by bucket; today's free credits appear even if the reset job has not run yet. */
  async balance(userId: string, now = new Date()): Promise<Balance> {
    const timeZone = await this.timeZoneOf(userId);
    return this.locked(userId, async (em) => {
      await this.ensureDaily(em, userId, timeZone, now);
      const buckets = (await this.liveBuckets(em, userId, now)).sort(bySpendOrder);
      const reserved = await em.find(
        CreditReservation,
        { userId, status: 'reserved' },
        { fields: ['amount'] },
      );
      return {
        total: buckets.reduce((sum, bucket) => sum + bucket.remaining, 0),
        reserved: reserved.reduce((sum, reservation) => sum + reservation.amount, 0),
        dailyAllowance: this.policy.dailyFree,
        dailyResetsAt: nextLocalMidnight(now, timeZone),
        buckets: buckets.map(({ id, kind, remaining, granted, expiresAt }) => ({
          id,
          kind,
          remaining,
          granted,
          expiresAt,
        })),
      };
    });
  }

  /**
   * Holds `amount` credits for `reference` (e.g. `run:<id>`), taking them in spend order. Repeating it
   * with the same reference returns the first reservation and charges nothing more. A hold that takes
   * the lasting credits below the warning line mails the user, after the charge is committed.
   */
  async reserve(
    userId: string,
    amount: number,
    reference: string,
    now = new Date(),
  ): Promise<CreditReservation> {
    if (!Number.isInteger(amount) || amount <= 0) throw new Error(`reserve: bad amount ${amount}`);
    const timeZone = await this.timeZoneOf(userId);
    const { reservation, lasting } = await this.locked(userId, async (em) => {
      const existing = await em.findOne(CreditReservation, { reference });
      if (existing) {
        if (existing.userId !== userId || existing.amount !== amount) {
          throw new ProblemException(
            HttpStatus.CONFLICT,
            'reservation_reference_reused',
            'This reference already holds a different reservation.',
          );
        }
        return { reservation: existing, lasting: null };
      }
      await this.ensureDaily(em, userId, timeZone, now);
      const buckets = await this.liveBuckets(em, userId, now);
      const before = lastingCredits(buckets);
      const allocations = allocate(buckets, amount);
      if (!allocations)
        throw insufficient(
          amount,
          buckets.reduce((sum, b) => sum + b.remaining, 0),
        );
      const byId = new Map(buckets.map((bucket) => [bucket.id, bucket]));
      for (const allocation of allocations) {
        const bucket = byId.get(allocation.bucketId) as CreditBucket;
        bucket.remaining -= allocation.amount;
        this.record(em, userId, 'spend', -allocation.amount, bucket, reference, now);
      }
      const created = em.create(CreditReservation, { userId, reference, amount, allocations });
      em.persist(created);
      return { reservation: created, lasting: { before, after: lastingCredits(buckets) } };
    });
    if (lasting && this.lowCredits.crossed(lasting.before, lasting.after))
      // The hold is committed: a mail that cannot be queued must not fail the run it pays for.
      await this.lowCredits.send(userId, lasting.after, reference).catch((error: unknown) => {
        this.logger.warn(`low-credits mail for ${userId} not queued: ${(error as Error).message}`);
      });
    return reservation;
  }

  /** The work succeeded: the held credits are spent for good. Idempotent. */
  async settle(reference: string, now = new Date()): Promise<void> {
    const em = this.em.fork();
    const settled = await em.nativeUpdate(
      CreditReservation,
      { reference, status: 'reserved' },
      { status: 'settled', finishedAt: now },
    );
    if (settled === 0) await this.assertFinishedAs(em, reference, 'settled');
  }

  /** The work failed for a system reason or was cancelled before it started: credits go back. Idempotent. */
  async release(reference: string, now = new Date()): Promise<void> {
    const found = await this.em.fork().findOne(CreditReservation, { reference }, { fields: ['userId'] });
    if (!found)
      throw new ProblemException(HttpStatus.NOT_FOUND, 'reservation_not_found', 'No such reservation.');
    await this.locked(found.userId, async (em) => {
      const reservation = await em.findOneOrFail(CreditReservation, { reference });
      if (reservation.status === 'released') return;
      if (reservation.status === 'settled') await this.assertFinishedAs(em, reference, 'released');
      const buckets = await em.find(CreditBucket, { id: reservation.allocations.map((a) => a.bucketId) });
      const byId = new Map(buckets.map((bucket) => [bucket.id, bucket]));
      for (const allocation of reservation.allocations) {
        const bucket = byId.get(allocation.bucketId);
        if (!bucket) continue; // purged long ago; nothing to return it to
        // Credits return to the bucket they came from; if it has expired meanwhile, the expiry sweep
        // takes them (with its own ledger entry), so a late refund cannot extend an old grant.
        bucket.remaining += allocation.amount;
        this.record(em, reservation.userId, 'refund', allocation.amount, bucket, reference, now);
      }
      reservation.status = 'released';
      reservation.finishedAt = now;
    });
  }

  /**
   * Adds credits (Pro period, pack, admin grant). Idempotent by `source`. An audit record, when given,
   * is written in the same transaction, and only by the call that actually grants.
   */
  async grant(userId: string, grant: NewGrant, now = new Date(), audit?: AuditRecord): Promise<CreditBucket> {
    if (!Number.isInteger(grant.amount) || grant.amount <= 0)
      throw new Error(`grant: bad amount ${grant.amount}`);
    return this.locked(userId, async (em) => {
      const existing = await em.findOne(CreditBucket, { source: grant.source });
      if (existing) return existing;
      if (audit) this.audit.record(em, audit);
      return this.addBucket(em, userId, { ...grant, reason: grant.reason ?? null }, now);
    });
  }

  /** Zeroes buckets that expired with credits left, writing the expiry to the ledger. Idempotent. */
  async expireDue(now = new Date(), batchSize = 500): Promise<number> {
    let expired = 0;
    for (;;) {
      const due = await this.em
        .fork()
        .find(
          CreditBucket,
          { remaining: { $gt: 0 }, expiresAt: { $lte: now } },
          { fields: ['id', 'userId'], limit: batchSize },
        );
      if (due.length === 0) return expired;
      for (const { id, userId } of due) {
        await this.locked(userId, async (em) => {
          const bucket = await em.findOne(CreditBucket, { id, remaining: { $gt: 0 } });
          if (!bucket) return; // another sweep got there first
          this.record(em, userId, 'expiry', -bucket.remaining, bucket, bucket.source, now);
          bucket.remaining = 0;
          expired += 1;
        });
      }
    }
  }

  /** Runs `work` in a transaction holding the user's account row lock. */
  private locked<T>(userId: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.em.fork().transactional(async (em) => {
      await em.execute('insert into credit_accounts (user_id) values (?) on conflict do nothing', [userId]);
      await em.execute('select user_id from credit_accounts where user_id = ? for update', [userId]);
      return work(em);
    });
  }

  /**
   * The zone the user's day is counted in. Read before taking the lock: a transaction waiting on the
   * lock must never need a second pooled connection.
   */
  private async timeZoneOf(userId: string): Promise<string> {
    return (await this.users.findById(userId))?.timeZone ?? 'UTC';
  }

  private liveBuckets(em: EntityManager, userId: string, now: Date): Promise<CreditBucket[]> {
    return em.find(CreditBucket, {
      userId,
      remaining: { $gt: 0 },
      $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }],
    });
  }

  /** Grants today's free credits (in the user's zone) once; the caller holds the user's lock. */
  private async ensureDaily(em: EntityManager, userId: string, timeZone: string, now: Date): Promise<void> {
    if (this.policy.dailyFree <= 0) return;
    const source = `daily:${userId}:${localDate(now, timeZone)}`;
    if (await em.count(CreditBucket, { source })) return;
    this.addBucket(
      em,
      userId,
      {
        kind: 'daily',
        amount: this.policy.dailyFree,
        expiresAt: nextLocalMidnight(now, timeZone),
        source,
        reason: 'Daily free credits',
      },
      now,
    );
    await em.flush();
  }

  private addBucket(
    em: EntityManager,
    userId: string,
    grant: Omit<NewGrant, 'kind'> & { kind: CreditBucketKind; reason: string | null },
    now: Date,
  ): CreditBucket {
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
    this.record(em, userId, 'grant', grant.amount, bucket, grant.source, now, grant.reason);
    return bucket;
  }

  private record(
    em: EntityManager,
    userId: string,
    kind: LedgerEntryKind,
    amount: number,
    bucket: CreditBucket,
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
  }

  private async assertFinishedAs(
    em: EntityManager,
    reference: string,
    wanted: 'settled' | 'released',
  ): Promise<void> {
    const reservation = await em.findOne(CreditReservation, { reference }, { fields: ['status'] });
    if (!reservation)
      throw new ProblemException(HttpStatus.NOT_FOUND, 'reservation_not_found', 'No such reservation.');
    if (reservation.status !== wanted) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'reservation_already_finished',
        `This reservation was already ${reservation.status}.`,
      );
    }
  }
}
