import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

/** A refresh token of a session, stored only as a SHA-256 hash (the token itself is 256 random bits). */
@Entity({ tableName: 'refresh_tokens' })
export class RefreshToken {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @Property({ type: 'uuid' })
  sessionId!: string;

  @Property({ type: 'string', length: 64, unique: true })
  tokenHash!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  /** Set when it was exchanged for a successor; presenting it again after the grace window is a replay. */
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  rotatedAt: Date | null = null;
}
