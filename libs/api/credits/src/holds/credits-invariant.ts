import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CreditHoldOwners } from './credit-hold-owners';

export interface CreditDrift {
  userId: string;
  /** held: credits held ≠ cost of queued and running work; ledger: ledger sum ≠ buckets; bucket: out of range. */
  check: 'held' | 'ledger' | 'bucket';
  expected: number;
  actual: number;
  detail: string;
}

const toNumber = (value: string | number | null | undefined) => Number(value ?? 0);

/**
 * What must always be true of the credits, checked by the tests and by `cli.js credits:check`:
 * - for every user, the credits held equal the cost of their queued and running work (every owner
 *   registered with CreditHoldOwners);
 * - the ledger sums to what the buckets hold;
 * - no bucket holds less than nothing or more than it was granted.
 */
@Injectable()
export class CreditsInvariant {
  constructor(
    private readonly em: EntityManager,
    private readonly owners: CreditHoldOwners,
  ) {}

  /** Every drift found, for all users or just `userIds`; empty when the credits are sound. */
  async check(userIds?: readonly string[]): Promise<CreditDrift[]> {
    const em = this.em.fork();
    const drift = [
      ...(await this.heldDrift(em)),
      ...(await this.ledgerDrift(em)),
      ...(await this.bucketDrift(em)),
    ];
    // Aggregated over everyone, filtered here: the checks are whole-table scans either way.
    const only = userIds && new Set(userIds);
    return only ? drift.filter((entry) => only.has(entry.userId)) : drift;
  }

  private async heldDrift(em: EntityManager): Promise<CreditDrift[]> {
    const rows = await em.execute<{ user_id: string; owner_kind: string; held: string }[]>(
      `select user_id, owner_kind, sum(amount) as held from credit_reservations
        where status = 'reserved' group by user_id, owner_kind`,
    );
    const held = new Map<string, number>();
    const unknownKinds = new Map<string, Set<string>>();
    for (const row of rows) {
      held.set(row.user_id, (held.get(row.user_id) ?? 0) + toNumber(row.held));
      if (!this.owners.get(row.owner_kind))
        unknownKinds.set(row.user_id, (unknownKinds.get(row.user_id) ?? new Set()).add(row.owner_kind));
    }
    const expected = new Map<string, number>();
    for (const owner of this.owners.all())
      for (const [userId, cost] of await owner.activeCostByUser(em))
        expected.set(userId, (expected.get(userId) ?? 0) + cost);
    const drift: CreditDrift[] = [];
    for (const userId of new Set([...held.keys(), ...expected.keys()])) {
      const actual = held.get(userId) ?? 0;
      const wanted = expected.get(userId) ?? 0;
      if (actual === wanted) continue;
      const unknown = unknownKinds.get(userId);
      drift.push({
        userId,
        check: 'held',
        expected: wanted,
        actual,
        detail:
          `holds ${actual} credit(s) while queued and running work costs ${wanted}` +
          (unknown ? ` (holds for unregistered kinds: ${[...unknown].join(', ')})` : ''),
      });
    }
    return drift;
  }

  private async ledgerDrift(em: EntityManager): Promise<CreditDrift[]> {
    const rows = await em.execute<{ user_id: string; ledger: string; buckets: string }[]>(
      `select coalesce(l.user_id, b.user_id) as user_id, coalesce(l.total, 0) as ledger,
              coalesce(b.total, 0) as buckets
         from (select user_id, sum(amount) as total from credit_ledger group by user_id) l
         full outer join (select user_id, sum(remaining) as total from credit_buckets group by user_id) b
           on b.user_id = l.user_id
        where coalesce(l.total, 0) <> coalesce(b.total, 0)`,
    );
    return rows.map((row) => ({
      userId: row.user_id,
      check: 'ledger' as const,
      expected: toNumber(row.buckets),
      actual: toNumber(row.ledger),
      detail: `ledger sums to ${toNumber(row.ledger)} while the buckets hold ${toNumber(row.buckets)}`,
    }));
  }

  private async bucketDrift(em: EntityManager): Promise<CreditDrift[]> {
    const rows = await em.execute<{ user_id: string; source: string; remaining: number; granted: number }[]>(
      `select user_id, source, remaining, granted from credit_buckets
        where remaining < 0 or remaining > granted`,
    );
    return rows.map((row) => ({
      userId: row.user_id,
      check: 'bucket' as const,
      expected: Math.max(0, Math.min(row.remaining, row.granted)),
      actual: row.remaining,
      detail: `bucket ${row.source} holds ${row.remaining} of the ${row.granted} granted`,
    }));
  }
}
