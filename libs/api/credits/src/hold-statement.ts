import type { EntityManager } from '@mikro-orm/postgresql';
import type { CreditBucketKind } from './entities/credit-bucket.entity';
import type { ReservationAllocation } from './entities/credit-reservation.entity';

export interface HoldRow {
  reservationId: string;
  userId: string;
  reference: string;
  ownerKind: string;
  ownerId: string;
  amount: number;
  allocations: ReservationAllocation[];
  createdAt: Date;
  expiresAt: Date;
}

export type HoldOutcome =
  /** Every allocation was taken; `spent` holds the touched buckets as they are now. */
  | { kind: 'held'; spent: { id: string; kind: CreditBucketKind; remaining: number }[] }
  /** A bucket had less than the allocation planned from an earlier read: plan again. */
  | { kind: 'short' }
  /** Another transaction holds for the same owner (or reference): nothing was taken. */
  | { kind: 'duplicate' };

/*
 * One statement, so that the buckets' row locks last one round trip plus the commit:
 * - `locked` locks the planned buckets in id order (one order for every hold: no deadlocks) and keeps
 *   those that still cover their part; Postgres re-reads a row it had to wait for, so this is exact;
 * - the reservation is written only when every part is covered, and `on conflict do nothing` turns a
 *   concurrent hold for the same owner into "duplicate" instead of an error;
 * - the buckets are charged and the ledger written only when the reservation was.
 */
const HOLD_SQL = `
with wanted as (
  select "bucketId" as bucket_id, amount from jsonb_to_recordset(?::jsonb) as w("bucketId" uuid, amount int)
), locked as (
  select b.id, w.amount from credit_buckets b join wanted w on w.bucket_id = b.id
  where b.remaining >= w.amount and (b.expires_at is null or b.expires_at > ?)
  order by b.id
  for update of b
), covered as (
  select count(*) = ? as ok from locked
), reservation as (
  insert into credit_reservations
    (id, user_id, reference, owner_kind, owner_id, amount, status, allocations, created_at, expires_at)
  select ?, ?, ?, ?, ?, ?, 'reserved', ?::jsonb, ?, ? from covered where covered.ok
  on conflict do nothing
  returning id
), spent as (
  update credit_buckets b set remaining = b.remaining - l.amount
  from locked l
  where b.id = l.id and exists (select 1 from reservation)
  returning b.id, b.kind, b.remaining, l.amount
), ledger as (
  insert into credit_ledger (id, user_id, at, kind, amount, bucket_id, bucket_kind, reference)
  select gen_random_uuid(), ?, ?, 'spend', -s.amount, s.id, s.kind, ? from spent s
)
select (select ok from covered) as covered, (select count(*) from reservation) as inserted,
  s.id, s.kind, s.remaining
from (select 1) one left join spent s on true`;

interface HoldStatementRow {
  covered: boolean;
  inserted: string | number;
  id: string | null;
  kind: CreditBucketKind | null;
  remaining: number | null;
}

/** Takes the planned allocations and writes the reservation and its ledger entries, in one statement. */
export async function runHoldStatement(em: EntityManager, hold: HoldRow, now: Date): Promise<HoldOutcome> {
  const { allocations } = hold;
  const rows = await em.execute<HoldStatementRow[]>(HOLD_SQL, [
    JSON.stringify(allocations),
    now,
    allocations.length,
    hold.reservationId,
    hold.userId,
    hold.reference,
    hold.ownerKind,
    hold.ownerId,
    hold.amount,
    JSON.stringify(allocations),
    hold.createdAt,
    hold.expiresAt,
    hold.userId,
    now,
    hold.reference,
  ]);
  const [first] = rows;
  if (!first?.covered) return { kind: 'short' };
  if (Number(first.inserted) === 0) return { kind: 'duplicate' };
  return {
    kind: 'held',
    spent: rows.flatMap((row) =>
      row.id && row.kind ? [{ id: row.id, kind: row.kind, remaining: Number(row.remaining) }] : [],
    ),
  };
}
