import type { Role } from '@huntkit/api/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { NotificationPreferencesService } from '@huntkit/api/notifications';
import { Injectable } from '@nestjs/common';
import { User } from './entities/user.entity';

export interface NewAccount {
  email: string;
  displayName: string;
  passwordHash: string;
  /** IANA zone from the browser at sign-up; UTC when not given. */
  timeZone?: string;
}

/** The account records other features use; entities never leave this library. */
@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    private readonly notifications: NotificationPreferencesService,
  ) {}

  findByEmail(email: string): Promise<User | null> {
    return this.em.fork().findOne(User, { email: email.trim().toLowerCase() });
  }

  findById(id: string): Promise<User | null> {
    return this.em.fork().findOne(User, { id });
  }

  /**
   * Creates an unverified account with its default notification settings; null when the email is
   * taken (also under a concurrent sign-up).
   */
  async createUnverified(account: NewAccount): Promise<User | null> {
    return this.insert(this.em.fork(), {
      email: account.email,
      displayName: account.displayName,
      passwordHash: account.passwordHash,
      ...(account.timeZone ? { timeZone: account.timeZone } : {}),
    });
  }

  /** The zone the user's day is counted in (UTC when unknown); pass `em` to read in the caller's transaction. */
  async timeZoneOf(id: string, em: EntityManager = this.em.fork()): Promise<string> {
    return (await em.findOne(User, { id }, { fields: ['timeZone'] }))?.timeZone ?? 'UTC';
  }

  async markEmailVerified(id: string, at: Date): Promise<void> {
    await this.em.fork().nativeUpdate(User, { id, emailVerifiedAt: null }, { emailVerifiedAt: at });
  }

  /** Pass `em` to make it part of the caller's transaction. */
  async setPasswordHash(id: string, passwordHash: string, em: EntityManager = this.em.fork()): Promise<void> {
    await em.nativeUpdate(User, { id }, { passwordHash });
  }

  async recordSignIn(id: string, at: Date): Promise<void> {
    await this.em.fork().nativeUpdate(User, { id }, { lastSignInAt: at });
  }

  async updateProfile(
    id: string,
    changes: { displayName?: string; timeZone?: string },
  ): Promise<User | null> {
    const em = this.em.fork();
    const user = await em.findOne(User, { id });
    if (!user) return null;
    if (changes.displayName !== undefined) user.displayName = changes.displayName.trim();
    if (changes.timeZone !== undefined) user.timeZone = changes.timeZone;
    await em.flush();
    return user;
  }

  /**
   * Moves the account to a confirmed new address (it is verified by the link that proved it). Throws
   * UniqueConstraintViolationException when another account took the address meanwhile.
   */
  async changeEmail(id: string, email: string, em: EntityManager, verifiedAt: Date): Promise<void> {
    await em.nativeUpdate(User, { id }, { email: email.trim().toLowerCase(), emailVerifiedAt: verifiedAt });
  }

  /** Pass `em` to make the change part of the caller's transaction (and its audit rows). */
  async setAccess(
    id: string,
    access: { roles: Role[]; deactivatedAt: Date | null },
    em: EntityManager,
  ): Promise<void> {
    await em.nativeUpdate(User, { id }, { roles: access.roles, deactivatedAt: access.deactivatedAt });
  }

  /**
   * An account for someone a sign-in provider vouches for: verified, with no password. Null when the
   * address was taken meanwhile.
   */
  async createVerifiedWithoutPassword(
    account: { email: string; displayName: string },
    em: EntityManager,
  ): Promise<User | null> {
    return this.insert(em, {
      email: account.email,
      displayName: account.displayName.trim().slice(0, 80),
      passwordHash: null,
      emailVerifiedAt: new Date(),
    });
  }

  /**
   * The owner of an address proved it through a provider, while the account on it was never verified:
   * whoever made that account (perhaps to lie in wait) loses its password, and the owner gets it.
   */
  async claimUnverified(id: string, em: EntityManager): Promise<boolean> {
    const claimed = await em.nativeUpdate(
      User,
      { id, emailVerifiedAt: null },
      { passwordHash: null, emailVerifiedAt: new Date() },
    );
    return claimed === 1;
  }

  /** Every new account: normalized address, its notification defaults, null when the address is taken. */
  private async insert(
    em: EntityManager,
    fields: Pick<User, 'email' | 'displayName' | 'passwordHash'> &
      Partial<Pick<User, 'timeZone' | 'emailVerifiedAt'>>,
  ): Promise<User | null> {
    const user = em.create(User, {
      ...fields,
      email: fields.email.trim().toLowerCase(),
      displayName: fields.displayName.trim() || 'Hunter',
    });
    this.notifications.seedDefaults(em, user.id);
    try {
      await em.persist(user).flush();
      return user;
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return null;
      throw error;
    }
  }
}
