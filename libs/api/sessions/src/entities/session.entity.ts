import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

/**
 * One sign-in on one device: the family every refresh token of that sign-in belongs to. Revoking it
 * ends the sign-in; `expiresAt` is absolute, however often the tokens are refreshed.
 */
@Entity({ tableName: 'sessions' })
@Index({ properties: ['userId', 'revokedAt', 'expiresAt'] })
export class Session {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz' })
  lastUsedAt: Date & Opt = new Date();

  @Index()
  @Property({ type: 'Date', columnType: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;

  /** The last time the user proved who they are again (password or code) in this session. */
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  reauthenticatedAt: Date | null = null;

  /** Why it ended: sign-out, replayed token, password change, admin… */
  @Property({ type: 'string', length: 40, nullable: true })
  revokeReason: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  ip: string | null = null;

  @Property({ type: 'string', length: 512, nullable: true })
  userAgent: string | null = null;
}
