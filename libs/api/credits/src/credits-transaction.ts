import type { AuditRecord, AuditService } from '@huntkit/api/audit';
import { ProblemException } from '@huntkit/api/core';
import type { UsersService } from '@huntkit/api/users';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { HttpStatus } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CreditBucket, type CreditBucketKind } from './entities/credit-bucket.entity';
import { CreditReservation } from './entities/credit-reservation.entity';
import { holdReference, type HoldOwnerRef } from './holds/credit-hold-owners';
import { type HoldOutcome, type HoldRow, runHoldStatement } from './hold-statement';

import { ledgerBook } from './ledger-book';
import { CreditsRanLowEvent, lastingCredits } from './low-credits-alert';
import { allocate } from './spend-order';

/** A hold is found by its owner (older holds have references of another form). */
const heldFor = (owner: HoldOwnerRef) => ({ ownerKind: owner.kind, ownerId: owner.id });

export interface NewGrant {
  kind: Exclude<CreditBucketKind, 'daily'>;
  amount: number;
  expiresAt: Date | null;
  /** Makes the grant idempotent: a second grant with the same source returns the first. */
  source: string;
  reason?: string | null;
}

export interface HoldRequest {
  userId: string;
  amount: number;
  /** What the credits pay for; one hold per owner. */
  owner: HoldOwnerRef;
  /** When the work must be over by its own rules (its time limit); the sweeper waits a grace on top. */
  deadline: Date;
}

/** What a transaction needs from the credits module; shared by every transaction it opens. */
export interface LedgerContext {
  users: UsersService;
  audit: AuditService;
  dailyFree: number;
  lowThreshold: number;
  holdGraceMs: number;
}

const insufficient = (required: number, available: number) =>
  new ProblemException(
    HttpStatus.PAYMENT_REQUIRED,
    'insufficient_credits',
    `This needs ${required} credit${required === 1 ? '' : 's'} and you have ${available}.`,
    { required, available },
  );

/** Plans in a row that a hold may lose to concurrent spends before it gives up (never seen near it). */
const MAX_HOLD_ATTEMPTS = 50;

const noSuchHold = () =>
  new ProblemException(HttpStatus.NOT_FOUND, 'reservation_not_found', 'No such reservation.');

/**
 * Credits changing inside the caller's own transaction, so that a run (later a workflow node, a
 * report, an assistant answer) and the credits it costs change together or not at all. Opened by
 * `CreditsService.transaction`, which commits it and then publishes what happened (`events`);
 * `CreditsService.hold` alone uses one outside a transaction, where `hold` is atomic on its own.
 */
export class CreditsTransaction {
  /** Domain events to publish once the transaction has committed (never for a rolled-back one). */
  readonly events: object[] = [];
  private readonly lockedUsers = new Set<string>();

  constructor(
    /** The transaction's EntityManager: the caller writes its own rows through it too. */
    readonly em: EntityManager,
    readonly now: Date,
    private readonly context: LedgerContext,
  ) {}

  /**
   * Takes `amount` credits in spend order and holds them for `owner`. Holding again for the same owner
   * returns the first hold and charges nothing more; a different amount is a conflict.
   *
   * Optimistic: the buckets are read without a lock, and one statement (`runHoldStatement`) takes the
   * planned parts only if each bucket still covers its part under its row lock. A bucket spent
   * meanwhile makes it plan again from a fresh read, so concurrent holds stay exact while the locks
   * last one round trip, not the whole plan.
   */
  async hold(request: HoldRequest): Promise<CreditReservation> {
    const { userId, amount, owner } = request;
    if (!Number.isInteger(amount) || amount <= 0) throw new Error(`hold: bad amount ${amount}`);
    const timeZone = () => this.context.users.timeZoneOf(userId, this.em);
    for (let attempt = 1; ; attempt += 1) {
      const buckets = await ledgerBook.liveBucketsToday(
        this.em,
        userId,
        this.context.dailyFree,
        timeZone,
        this.now,
      );
      const allocations = allocate(buckets, amount);
      if (!allocations) {
        // A retried hold is answered from the first one even once the credits are gone.
        const existing = await this.existingHold(request);
        if (existing) return existing;
        throw insufficient(
          amount,
          buckets.reduce((sum, bucket) => sum + bucket.remaining, 0),
        );
      }
      const row = {
        reservationId: randomUUID(),
        userId,
        reference: holdReference(owner),
        ownerKind: owner.kind,
        ownerId: owner.id,
        amount,
        allocations,
        createdAt: this.now,
        expiresAt: this.expiryAfter(request.deadline),
      };
      const outcome = await this.attemptHold(row);
      if (outcome.kind === 'held') {
        this.warnIfRanLow(buckets, outcome.spent, row);
        const { reservationId: id, ...fields } = row;
        return Object.assign(new CreditReservation(), fields, { id, status: 'reserved' as const });
      }
      if (outcome.kind === 'duplicate') {
        const existing = await this.existingHold(request);
        if (existing) return existing;
      } else if (attempt >= MAX_HOLD_ATTEMPTS)
        throw new Error(`hold: buckets kept changing under ${MAX_HOLD_ATTEMPTS} plans in a row`);
    }
  }

  /** The work now has a later deadline (it started, and its time limit counts from now). */
  async extend(owner: HoldOwnerRef, deadline: Date): Promise<void> {
    await this.em.nativeUpdate(
      CreditReservation,
      { ...heldFor(owner), status: 'reserved' },
      { expiresAt: this.expiryAfter(deadline) },
    );
  }

  /** The work succeeded: the held credits are spent for good. Idempotent. */
  async settle(owner: HoldOwnerRef): Promise<void> {
    const settled = await this.em.nativeUpdate(
      CreditReservation,
      { ...heldFor(owner), status: 'reserved' },
      { status: 'settled', finishedAt: this.now },
    );
    if (settled === 0) await this.assertFinishedAs(owner, 'settled');
  }

  /**
   * The work failed for a system reason or was cancelled: the credits go back to the buckets they came
   * from. Idempotent. Returns whether this call released them.
   */
  async release(owner: HoldOwnerRef): Promise<boolean> {
    const found = await this.em.findOne(CreditReservation, heldFor(owner), { fields: ['userId'] });
    if (!found) throw noSuchHold();
    await this.lock(found.userId);
    const reservation = await this.em.findOneOrFail(
      CreditReservation,
      heldFor(owner),
      // A settle racing this release waits here, or this release sees it settled.
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (reservation.status === 'released') return false;
    if (reservation.status === 'settled') await this.assertFinishedAs(owner, 'released');
    const { reference } = reservation;
    // Holds charge buckets under their row locks alone, so a refund takes them too.
    const buckets = await this.em.find(
      CreditBucket,
      { id: reservation.allocations.map((allocation) => allocation.bucketId) },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, orderBy: { id: 'asc' } },
    );
    const byId = new Map(buckets.map((bucket) => [bucket.id, bucket]));
    for (const allocation of reservation.allocations) {
      const bucket = byId.get(allocation.bucketId);
      if (!bucket) continue; // purged long ago; nothing to return it to
      // Credits return to the bucket they came from; if it has expired meanwhile, the expiry sweep
      // takes them (with its own ledger entry), so a late refund cannot extend an old grant.
      bucket.remaining += allocation.amount;
      ledgerBook.record(
        this.em,
        reservation.userId,
        'refund',
        allocation.amount,
        bucket,
        reference,
        this.now,
      );
    }
    reservation.status = 'released';
    reservation.finishedAt = this.now;
    return true;
  }

  /**
   * Adds credits (Pro period, pack, admin grant). Idempotent by `source`. An audit record, when given,
   * is written in the same transaction, and only by the call that actually grants.
   */
  async grant(userId: string, grant: NewGrant, audit?: AuditRecord): Promise<CreditBucket> {
    if (!Number.isInteger(grant.amount) || grant.amount <= 0)
      throw new Error(`grant: bad amount ${grant.amount}`);
    await this.lock(userId);
    const existing = await this.em.findOne(CreditBucket, { source: grant.source });
    if (existing) return existing;
    if (audit) this.context.audit.record(this.em, audit);
    return ledgerBook.addBucket(this.em, userId, { ...grant, reason: grant.reason ?? null }, this.now);
  }

  /** Takes the user's account lock, once per transaction. */
  async lock(userId: string): Promise<void> {
    if (this.lockedUsers.has(userId)) return;
    await ledgerBook.lockAccount(this.em, userId);
    this.lockedUsers.add(userId);
  }

  /** The user's live buckets with today's free credits, and the zone they were counted in; locks the user. */
  async liveBuckets(userId: string): Promise<{ timeZone: string; buckets: CreditBucket[] }> {
    // Read in this transaction (one waiting on a lock must never need a second pooled connection)
    // and before the lock, which every concurrent change of this user's credits waits for.
    const timeZone = await this.context.users.timeZoneOf(userId, this.em);
    await this.lock(userId);
    const buckets = await ledgerBook.liveBucketsToday(
      this.em,
      userId,
      this.context.dailyFree,
      async () => timeZone,
      this.now,
    );
    return { timeZone, buckets };
  }

  private async existingHold({ userId, amount, owner }: HoldRequest): Promise<CreditReservation | null> {
    const existing = await this.em.findOne(CreditReservation, heldFor(owner), { refresh: true });
    if (existing && (existing.userId !== userId || existing.amount !== amount))
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'reservation_reference_reused',
        'This reference already holds a different reservation.',
      );
    return existing;
  }

  /**
   * In a transaction, each plan runs under a savepoint: a plan that comes up short may still hold row
   * locks (on rows it waited for and found spent), and a later plan in the same transaction could then
   * wait on another that waits on those. Rolling back to the savepoint lets them go. Outside a
   * transaction (`CreditsService.hold`) the statement's locks end with it, and one statement takes
   * them in one order, so none are needed.
   */
  private async attemptHold(row: HoldRow): Promise<HoldOutcome> {
    if (!this.em.isInTransaction()) return runHoldStatement(this.em, row, this.now);
    await this.em.execute('savepoint credit_hold');
    const outcome = await runHoldStatement(this.em, row, this.now);
    // A held plan keeps its savepoint: the commit releases it, without another round trip.
    if (outcome.kind !== 'held') await this.em.execute('rollback to savepoint credit_hold');
    return outcome;
  }

  private warnIfRanLow(
    planned: readonly CreditBucket[],
    spent: readonly { id: string; kind: CreditBucketKind; remaining: number }[],
    row: HoldRow,
  ): void {
    const now = new Map(spent.map((bucket) => [bucket.id, bucket.remaining]));
    const after = lastingCredits(
      planned.map((bucket) => ({ kind: bucket.kind, remaining: now.get(bucket.id) ?? bucket.remaining })),
    );
    const byId = new Map(planned.map((bucket) => [bucket.id, bucket.kind]));
    const taken = row.allocations.reduce(
      (sum, allocation) => sum + (byId.get(allocation.bucketId) === 'daily' ? 0 : allocation.amount),
      0,
    );
    const threshold = this.context.lowThreshold;
    if (threshold > 0 && after + taken >= threshold && after < threshold)
      this.events.push(new CreditsRanLowEvent(row.userId, after, row.reference));
  }

  private expiryAfter(deadline: Date): Date {
    return new Date(deadline.getTime() + this.context.holdGraceMs);
  }

  private async assertFinishedAs(owner: HoldOwnerRef, wanted: 'settled' | 'released'): Promise<void> {
    const reservation = await this.em.findOne(CreditReservation, heldFor(owner), {
      fields: ['status'],
      refresh: true,
    });
    if (!reservation) throw noSuchHold();
    if (reservation.status !== wanted)
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'reservation_already_finished',
        `This reservation was already ${reservation.status}.`,
      );
  }
}
