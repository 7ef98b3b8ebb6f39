import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

export type ReservationStatus = 'reserved' | 'settled' | 'released';

export interface ReservationAllocation {
  bucketId: string;
  amount: number;
}

/**
 * Credits held for long work (a tool run): taken from the buckets at reserve, kept on settle, put
 * back on release. `reference` (e.g. `run:<id>`) makes each step idempotent.
 */
@Entity({ tableName: 'credit_reservations' })
@Index({ properties: ['userId', 'status'] })
export class CreditReservation {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'string', length: 200, unique: true })
  reference!: string;

  @Property({ type: 'integer' })
  amount!: number;

  @Enum({ items: ['reserved', 'settled', 'released'] })
  status: ReservationStatus & Opt = 'reserved';

  @Property({ type: 'json' })
  allocations!: ReservationAllocation[];

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  finishedAt: Date | null = null;
}
