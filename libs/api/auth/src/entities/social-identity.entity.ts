import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

export type SocialProvider = 'google' | 'github';

/** An outside account (Google, GitHub) that signs in to one Huntkit account; found by the provider's id. */
@Entity({ tableName: 'social_identities' })
@Unique({ properties: ['provider', 'subject'] })
@Unique({ properties: ['userId', 'provider'] })
export class SocialIdentity {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'string', length: 16 })
  provider!: SocialProvider;

  /** The provider's stable id of the person (`sub`, GitHub's numeric id); emails can change, this cannot. */
  @Property({ type: 'string', length: 255 })
  subject!: string;

  /** The address the provider gave at linking, shown in Connected accounts. */
  @Property({ type: 'string', length: 254, nullable: true })
  email: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
