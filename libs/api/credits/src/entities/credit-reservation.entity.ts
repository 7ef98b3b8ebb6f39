import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

export type ReservationStatus = 'reserved' | 'settled' | 'released';

export interface ReservationAllocation {
  bucketId: string;
  amount: number;
}

/**
 * Credits held for work that is paid on completion (a tool run, later a workflow node, a report, an
 * assistant answer): taken from the buckets in the transaction that creates the work, kept on settle,
 * put back on release, both in the transaction that finishes it. `reference` (`<ownerKind>:<ownerId>`)
 * makes each step idempotent; `expiresAt` is when the sweeper may give the credits back.
 */
@Entity({ tableName: 'credit_reservations' })
@Index({ properties: ['userId', 'status'] })
@Index({ properties: ['status', 'expiresAt'] })
@Unique({ properties: ['ownerKind', 'ownerId'] })
export class CreditReservation {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'string', length: 200, unique: true })
  reference!: string;

  /** What the credits pay for: a kind registered with CreditHoldOwners (`run`, …) and its id. */
  @Property({ type: 'string', length: 40 })
  ownerKind!: string;

  @Property({ type: 'string', length: 100 })
  ownerId!: string;

  @Property({ type: 'integer' })
  amount!: number;

  @Enum({ items: ['reserved', 'settled', 'released'] })
  status: ReservationStatus & Opt = 'reserved';

  @Property({ type: 'json' })
  allocations!: ReservationAllocation[];

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  /** The work's own deadline plus a grace: a hold still reserved after it was left behind by a crash. */
  @Property({ type: 'Date', columnType: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  finishedAt: Date | null = null;
}
