import type { CreditBucketKind } from './entities/credit-bucket.entity';

export interface SpendableBucket {
  id: string;
  kind: CreditBucketKind;
  remaining: number;
  expiresAt: Date | null;
  createdAt: Date;
}

const KIND_ORDER: Record<CreditBucketKind, number> = { daily: 0, pro: 1, topup: 2, grant: 2 };

/**
 * The order credits are spent in: today's free credits first, then Pro, then packs and grants by
 * earliest expiry (never-expiring last), oldest first among equals. Spending what expires soonest
 * first means a user loses as little as possible.
 */
export function bySpendOrder(a: SpendableBucket, b: SpendableBucket): number {
  return (
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    (a.expiresAt?.getTime() ?? Infinity) - (b.expiresAt?.getTime() ?? Infinity) ||
    a.createdAt.getTime() - b.createdAt.getTime()
  );
}

/** Takes `amount` from the buckets in spend order; null when they hold too little. */
export function allocate(
  buckets: readonly SpendableBucket[],
  amount: number,
): { bucketId: string; amount: number }[] | null {
  const allocations: { bucketId: string; amount: number }[] = [];
  let left = amount;
  for (const bucket of [...buckets].sort(bySpendOrder)) {
    if (left === 0) break;
    const take = Math.min(left, bucket.remaining);
    if (take > 0) {
      allocations.push({ bucketId: bucket.id, amount: take });
      left -= take;
    }
  }
  return left === 0 ? allocations : null;
}
