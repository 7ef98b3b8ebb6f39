import { type Opt, PrimaryKeyProp } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { NotificationCategory } from '../notification-categories';

/** One user's choice for one mail category; the key's leading user id serves the per-user lookup. */
@Entity({ tableName: 'notification_preferences' })
export class NotificationPreference {
  [PrimaryKeyProp]?: ['userId', 'category'];

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @PrimaryKey({ type: 'string', length: 32 })
  category!: NotificationCategory;

  @Property({ type: 'boolean' })
  enabled!: boolean;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  updatedAt: Date & Opt = new Date();
}
