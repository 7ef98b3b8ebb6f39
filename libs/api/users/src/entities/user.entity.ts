import type { Role } from '@huntkit/api/core';
import { ArrayType, type Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

@Entity({ tableName: 'users' })
export class User {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Stored lower-cased, so the unique index is case-insensitive in effect. */
  @Property({ type: 'string', length: 254, unique: true })
  email!: string;

  @Property({ type: 'string', length: 80 })
  displayName!: string;

  /** argon2id PHC string; null for accounts that only sign in through a provider. */
  @Property({ type: 'string', length: 255, nullable: true, hidden: true })
  passwordHash: string | null = null;

  @Property({ type: ArrayType, columnType: 'text[]' })
  roles: Role[] & Opt = ['user'];

  /** IANA zone used for display and the daily credit reset. */
  @Property({ type: 'string', length: 64 })
  timeZone: string & Opt = 'UTC';

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  emailVerifiedAt: Date | null = null;

  /** Set when an admin deactivates the account: sign-in and every live session stop working. */
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  deactivatedAt: Date | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  lastSignInAt: Date | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
