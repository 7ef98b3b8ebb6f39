import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

export type ActivityGranularity = 'day' | 'month';

/** That a user was active in a UTC day or month: one row per user and period, whatever the activity. */
@Entity({ tableName: 'active_user_periods' })
export class ActiveUserPeriod {
  @Enum({ items: ['day', 'month'], primary: true })
  granularity!: ActivityGranularity;

  /** The first day of the period, `YYYY-MM-DD`. */
  @PrimaryKey({ type: 'string', columnType: 'date' })
  periodStart!: string;

  @PrimaryKey({ type: 'uuid' })
  userId!: string;
}

/** Daily and monthly active users, counted as the period rows above are first written. */
@Entity({ tableName: 'active_user_counts' })
export class ActiveUserCount {
  @Enum({ items: ['day', 'month'], primary: true })
  granularity!: ActivityGranularity;

  @PrimaryKey({ type: 'string', columnType: 'date' })
  periodStart!: string;

  @Property({ type: 'integer' })
  activeUsers!: number;
}
