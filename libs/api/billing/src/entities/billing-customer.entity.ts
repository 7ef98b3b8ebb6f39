import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** The Stripe customer of a user, created before their first checkout and reused ever after. */
@Entity({ tableName: 'billing_customers' })
export class BillingCustomer {
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'string', length: 100, unique: true })
  stripeCustomerId!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
