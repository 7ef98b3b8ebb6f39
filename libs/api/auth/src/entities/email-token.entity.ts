import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

export type EmailTokenPurpose = 'verify_email' | 'reset_password' | 'change_email' | 'cancel_email_change';

/** A single-use link sent by mail; only the SHA-256 of the 256-bit token is stored. */
@Entity({ tableName: 'email_tokens' })
export class EmailToken {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @Property({ type: 'uuid' })
  userId!: string;

  @Enum({ items: ['verify_email', 'reset_password', 'change_email', 'cancel_email_change'] })
  purpose!: EmailTokenPurpose;

  /** The address a change is about: the new one to confirm, or the old one a "not me" link restores. */
  @Property({ type: 'string', length: 254, nullable: true })
  address: string | null = null;

  @Property({ type: 'string', length: 64, unique: true })
  tokenHash!: string;

  @Index()
  @Property({ type: 'Date', columnType: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  usedAt: Date | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
