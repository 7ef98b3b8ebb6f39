import type { ApiTokenScope } from '@huntkit/api/core';
import { ArrayType, type Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

/**
 * A personal API token. Only the SHA-256 of its 256-bit secret is stored (the secret is shown once);
 * a fast hash is enough because the secret is random, not a password.
 */
@Entity({ tableName: 'api_tokens' })
@Index({ properties: ['userId', 'revokedAt'] })
export class ApiToken {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'string', length: 80 })
  name!: string;

  @Property({ type: ArrayType, columnType: 'text[]' })
  scopes!: ApiTokenScope[];

  @Property({ type: 'string', length: 64, unique: true })
  tokenHash!: string;

  /** The first characters of the secret, so its owner can tell tokens apart (e.g. `hk_pat_3Fq9`). */
  @Property({ type: 'string', length: 16 })
  displayPrefix!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Index()
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  expiresAt: Date | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  lastUsedAt: Date | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  lastUsedIp: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;
}
