import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { CreditsService } from '../credits.service';
import { CreditReservation } from '../entities/credit-reservation.entity';
import { type CreditHoldOwner, CreditHoldOwners, type HoldOwnerState } from './credit-hold-owners';

export type SweepReason = 'finished' | 'missing' | 'overdue';

export interface SweptHold {
  reference: string;
  userId: string;
  amount: number;
  reason: SweepReason;
}

const BATCH = 500;

/**
 * Why a hold should go back, or null while its work may still use it. Work that finished, or that no
 * longer exists, can never settle its hold; work past its deadline plus the grace was left behind by
 * a crash. A hold whose kind no module registered is judged by its deadline alone.
 */
function sweepReason(
  owner: CreditHoldOwner | undefined,
  state: HoldOwnerState | undefined,
  expiresAt: Date,
  now: Date,
): SweepReason | null {
  if (owner && state === undefined) return 'missing';
  if (state === 'finished') return 'finished';
  return expiresAt <= now ? 'overdue' : null;
}

/**
 * Gives back credits that nothing will ever settle or release (the process finishing the work died, or
 * a bug skipped it). Runs once per cluster (a BullMQ job scheduler, see CreditsJobsModule). Each hold
 * is decided again under the locks of its work's row and its user's account, and released with its
 * ledger entries in that one transaction, so a sweep racing a finisher, or another sweep, changes
 * nothing twice.
 */
@Injectable()
export class CreditHoldSweeper {
  private readonly logger = new Logger('CreditHoldSweeper');

  constructor(
    private readonly em: EntityManager,
    private readonly credits: CreditsService,
    private readonly owners: CreditHoldOwners,
  ) {}

  async sweep(now = new Date()): Promise<SweptHold[]> {
    const swept: SweptHold[] = [];
    let checked = 0;
    let after: string | null = null;
    for (;;) {
      const held: CreditReservation[] = await this.em
        .fork()
        .find(
          CreditReservation,
          { status: 'reserved', ...(after ? { id: { $gt: after } } : {}) },
          { orderBy: { id: 'asc' }, limit: BATCH },
        );
      if (held.length === 0) break;
      checked += held.length;
      after = held[held.length - 1]?.id ?? after;
      for (const hold of await this.candidates(held, now)) {
        const reason = await this.releaseIfStranded(hold, now);
        if (!reason) continue;
        swept.push({ reference: hold.reference, userId: hold.userId, amount: hold.amount, reason });
        this.logger.log(
          `released ${hold.amount} credit(s) held by ${hold.reference} for user ${hold.userId}: ${reason}`,
        );
      }
    }
    if (swept.length > 0 || checked > 0)
      this.logger.log(`credit hold sweep: ${checked} held, ${swept.length} released`);
    return swept;
  }

  /** A first look without locks, so a sweep of healthy holds takes no lock at all. */
  private async candidates(held: CreditReservation[], now: Date): Promise<CreditReservation[]> {
    const byKind = new Map<string, CreditReservation[]>();
    for (const hold of held) byKind.set(hold.ownerKind, [...(byKind.get(hold.ownerKind) ?? []), hold]);
    const candidates: CreditReservation[] = [];
    for (const [kind, holds] of byKind) {
      const owner = this.owners.get(kind);
      const states = owner
        ? await owner.states(
            this.em.fork(),
            holds.map((hold) => hold.ownerId),
            { lock: false },
          )
        : new Map<string, HoldOwnerState>();
      for (const hold of holds)
        if (sweepReason(owner, states.get(hold.ownerId), hold.expiresAt, now)) candidates.push(hold);
    }
    return candidates;
  }

  private releaseIfStranded(hold: CreditReservation, now: Date): Promise<SweepReason | null> {
    return this.credits.transaction(async (tx) => {
      const owner = this.owners.get(hold.ownerKind);
      const state = owner
        ? (await owner.states(tx.em, [hold.ownerId], { lock: true })).get(hold.ownerId)
        : undefined;
      const reason = sweepReason(owner, state, hold.expiresAt, now);
      if (!reason) return null;
      if (owner && state === 'active') await owner.abandon(tx.em, hold.ownerId, now);
      return (await tx.release({ kind: hold.ownerKind, id: hold.ownerId })) ? reason : null;
    }, now);
  }
}
