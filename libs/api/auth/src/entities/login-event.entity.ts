import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

/** How the first step of a sign-in was passed. */
export const SIGN_IN_METHODS = ['password', 'email_link', 'google', 'github'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

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
  method!: SignInMethod;

  /** Whether a second factor (an authenticator or backup code) was answered as well. */
  @Property({ type: 'boolean', default: false })
  secondFactor: boolean & Opt = false;

  @Property({ type: 'string', length: 64, nullable: true })
  ip: string | null = null;

  @Property({ type: 'string', length: 512, nullable: true })
  userAgent: string | null = null;
}
