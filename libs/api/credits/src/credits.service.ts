import { type AuditRecord, AuditService } from '@huntkit/api/audit';
import { APP_CONFIG, type AppConfig } from '@huntkit/api/core';
import { UsersService } from '@huntkit/api/users';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { CreditBucket, type CreditBucketKind } from './entities/credit-bucket.entity';
import { CreditReservation } from './entities/credit-reservation.entity';
import {
  CreditsTransaction,
  type HoldRequest,
  type LedgerContext,
  type NewGrant,
} from './credits-transaction';
import type { HoldOwnerRef } from './holds/credit-hold-owners';
import { ledgerBook } from './ledger-book';
import { bySpendOrder } from './spend-order';
import { nextLocalMidnight } from './zoned-time';

export type { HoldRequest, NewGrant } from './credits-transaction';

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

/**
 * The credit ledger. Features never write it directly: they open `transaction()` around their own
 * writes and hold, settle, release or grant through it, so their rows and the credits they cost
 * commit together. The single-step methods below are that, for callers with nothing else to write.
 */
@Injectable()
export class CreditsService {
  private readonly context: LedgerContext;

  constructor(
    private readonly em: EntityManager,
    users: UsersService,
    private readonly events: EventEmitter2,
    audit: AuditService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.context = {
      users,
      audit,
      dailyFree: config.credits.dailyFree,
      lowThreshold: config.credits.lowThreshold,
      holdGraceMs: config.credits.holdGraceMs,
    };
  }

  /**
   * Runs `work` in one database transaction with the ledger at hand, then, once it has committed,
   * publishes the domain events it raised (a low-credits warning). A throw rolls everything back.
   */
  async transaction<T>(work: (tx: CreditsTransaction) => Promise<T>, now = new Date()): Promise<T> {
    let events: object[] = [];
    const result = await this.em.fork().transactional(async (em) => {
      const tx = new CreditsTransaction(em, now, this.context);
      const value = await work(tx);
      events = tx.events;
      return value;
    });
    await this.publish(events);
    return result;
  }

  /** Current balance by bucket; today's free credits appear even if the reset job has not run yet. */
  async balance(userId: string, now = new Date()): Promise<Balance> {
    return this.transaction(async (tx) => {
      const { timeZone, buckets: live } = await tx.liveBuckets(userId);
      const buckets = live.sort(bySpendOrder);
      const reserved = await tx.em.find(
        CreditReservation,
        { userId, status: 'reserved' },
        { fields: ['amount'] },
      );
      return {
        total: buckets.reduce((sum, bucket) => sum + bucket.remaining, 0),
        reserved: reserved.reduce((sum, reservation) => sum + reservation.amount, 0),
        dailyAllowance: this.context.dailyFree,
        dailyResetsAt: nextLocalMidnight(now, timeZone),
        buckets: buckets.map(({ id, kind, remaining, granted, expiresAt }) => ({
          id,
          kind,
          remaining,
          granted,
          expiresAt,
        })),
      };
    }, now);
  }

  /**
   * A hold on its own (see CreditsTransaction.hold). With nothing else to write it needs no
   * transaction around it: its one writing statement commits as it runs, so the buckets' row locks
   * never wait for a round trip to this process.
   */
  async hold(request: HoldRequest, now = new Date()): Promise<CreditReservation> {
    const tx = new CreditsTransaction(this.em.fork(), now, this.context);
    const reservation = await tx.hold(request);
    await this.publish(tx.events);
    return reservation;
  }

  settle(owner: HoldOwnerRef, now = new Date()): Promise<void> {
    return this.transaction((tx) => tx.settle(owner), now);
  }

  release(owner: HoldOwnerRef, now = new Date()): Promise<boolean> {
    return this.transaction((tx) => tx.release(owner), now);
  }

  /** A grant on its own (see CreditsTransaction.grant). */
  grant(userId: string, grant: NewGrant, now = new Date(), audit?: AuditRecord): Promise<CreditBucket> {
    return this.transaction((tx) => tx.grant(userId, grant, audit), now);
  }

  private async publish(events: readonly object[]): Promise<void> {
    for (const event of events)
      await this.events.emitAsync((event.constructor as unknown as { event: string }).event, event);
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
        await this.transaction(async (tx) => {
          await tx.lock(userId);
          const bucket = await tx.em.findOne(
            CreditBucket,
            { id, remaining: { $gt: 0 } },
            // Holds charge buckets under their row locks alone, without the account lock.
            { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
          );
          if (!bucket) return; // another sweep got there first
          ledgerBook.record(tx.em, userId, 'expiry', -bucket.remaining, bucket, bucket.source, now);
          bucket.remaining = 0;
          expired += 1;
        }, now);
      }
    }
  }
}
