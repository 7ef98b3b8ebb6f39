import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

/** A successful sign-in: who, when, from where. Feeds security views and active-user counts. */
@Entity({ tableName: 'login_events' })
@Index({ properties: ['userId', 'at'] })
export class LoginEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  userId!: string;

  @Index()
  @Property({ type: 'Date', columnType: 'timestamptz' })
  at: Date & Opt = new Date();

  @Property({ type: 'string', length: 20 })
  method!: 'password' | 'password_mfa' | 'email_link' | 'google' | 'github';

  @Property({ type: 'string', length: 64, nullable: true })
  ip: string | null = null;

  @Property({ type: 'string', length: 512, nullable: true })
  userAgent: string | null = null;
}
