import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

export type ProSource = 'stripe' | 'admin';

/**
 * A period of Pro: a Stripe subscription (its id, state copied from Stripe itself on every event, so
 * events arriving late or twice cannot leave it stale) or a period given by an admin (`admin:<key>`).
 */
@Entity({ tableName: 'pro_subscriptions' })
@Index({ properties: ['userId', 'currentPeriodEnd'] })
export class ProSubscription {
  @PrimaryKey({ type: 'string', length: 100 })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Enum({ items: ['stripe', 'admin'] })
  source!: ProSource;

  /** Stripe's status (active, trialing, past_due, canceled, …); `active` or `canceled` for admin periods. */
  @Property({ type: 'string', length: 30 })
  status!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  currentPeriodEnd!: Date;

  @Property({ type: 'boolean' })
  cancelAtPeriodEnd: boolean & Opt = false;

  @Property({ type: 'string', length: 300, nullable: true })
  reason: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
