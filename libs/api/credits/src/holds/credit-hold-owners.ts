import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

/** What a hold pays for: a registered owner kind (`run`, later `workflow-node`, `report`, …) and its id. */
export interface HoldOwnerRef {
  kind: string;
  id: string;
}

export type HoldOwnerState = 'active' | 'finished';

/**
 * A feature whose work is paid with held credits. It tells the sweeper and the invariant check what
 * its work is doing, so neither needs to know its tables. Every method runs in the caller's
 * transaction (`em`).
 */
export interface CreditHoldOwner {
  readonly kind: string;
  /**
   * Which of the given items exist and whether each is still queued or running; missing ids are left
   * out. With `lock`, their rows are locked (`FOR UPDATE`, in id order) first, keeping the lock order
   * every finisher uses: the work's row, then the user's credit account.
   */
  states(
    em: EntityManager,
    ids: readonly string[],
    options: { lock: boolean },
  ): Promise<Map<string, HoldOwnerState>>;
  /** Ends work that overran its hold (it is active and locked): it must never settle afterwards. */
  abandon(em: EntityManager, id: string, now: Date): Promise<void>;
  /** What each user's queued and running work costs: the credits that should be held for them. */
  activeCostByUser(em: EntityManager): Promise<Map<string, number>>;
}

/**
 * Where features register the work they pay for with holds (at module init). One per process, shared
 * by the ledger, the sweeper and the `credits:check` command.
 */
@Injectable()
export class CreditHoldOwners {
  private readonly owners = new Map<string, CreditHoldOwner>();

  register(owner: CreditHoldOwner): void {
    const existing = this.owners.get(owner.kind);
    if (existing && existing !== owner) throw new Error(`credit hold owner ${owner.kind} registered twice`);
    this.owners.set(owner.kind, owner);
  }

  get(kind: string): CreditHoldOwner | undefined {
    return this.owners.get(kind);
  }

  all(): CreditHoldOwner[] {
    return [...this.owners.values()];
  }
}

export const holdReference = (owner: HoldOwnerRef): string => `${owner.kind}:${owner.id}`;
