import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A user's authenticator app (TOTP). The secret is stored encrypted (AES-256-GCM). Until `enabledAt`
 * is set the enrolment is pending: it counts for nothing until a valid code confirms it.
 */
@Entity({ tableName: 'mfa_factors' })
export class MfaFactor {
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text' })
  secretCiphertext!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  enabledAt: Date | null = null;

  /** The RFC 6238 time step of the last accepted code: a code is never accepted twice. */
  @Property({ type: 'bigint', columnType: 'bigint' })
  lastUsedStep: number & Opt = 0;
}
