import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

/**
 * The second step of a sign-in: the first step (a password or a provider) passed, and no session exists until a code answers
 * this. It expires in minutes and takes a fixed number of attempts.
 */
@Entity({ tableName: 'mfa_challenges' })
export class MfaChallenge {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Index()
  @Property({ type: 'Date', columnType: 'timestamptz' })
  expiresAt!: Date;

  /** How the first step was passed ("password", "google", …), so the sign-in is recorded as what it was. */
  @Property({ type: 'string', length: 20, default: 'password' })
  firstFactor: string & Opt = 'password';

  @Property({ type: 'integer' })
  attempts: number & Opt = 0;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  completedAt: Date | null = null;
}
