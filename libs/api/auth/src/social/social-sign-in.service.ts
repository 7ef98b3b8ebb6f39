import { type AuditActor, AuditService } from '@huntkit/api/audit';
import { APP_CONFIG, type AppConfig, ProblemException } from '@huntkit/api/core';
import { formatMailTime, MailService } from '@huntkit/api/mail';
import { type ClientContext, SessionsService } from '@huntkit/api/sessions';
import { type User, UsersService } from '@huntkit/api/users';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AuthService } from '../auth.service';
import type { SignInOutcome } from '../session-issuer';
import { EmailTokens } from '../email-tokens.service';
import { SocialIdentity, type SocialProvider } from '../entities/social-identity.entity';
import type { ProviderProfile } from './provider-profile';
import { SIGN_IN_PROVIDER_NAMES } from '@huntkit/shared/brand';

export const PROVIDER_NAMES: Record<SocialProvider, string> = SIGN_IN_PROVIDER_NAMES;

export interface ConnectedAccount {
  provider: SocialProvider;
  email: string | null;
  linkedAt: Date;
}

const problem = (status: HttpStatus, code: string, detail: string) =>
  new ProblemException(status, code, detail);

/**
 * Turns "the provider says this is X" into a Huntkit account. The provider's id wins over any email
 * match; an email match links only when both sides verified the address; an unverified account on the
 * owner's address is taken back from whoever made it. Never a silent merge of two verified strangers.
 */
@Injectable()
export class SocialSignInService {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly tokens: EmailTokens,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async signIn(profile: ProviderProfile, client: ClientContext): Promise<SignInOutcome> {
    const identity = await this.em.fork().findOne(SocialIdentity, {
      provider: profile.provider,
      subject: profile.subject,
    });
    const user = identity
      ? await this.users.findById(identity.userId)
      : await this.accountFor(profile, client);
    if (!user) throw problem(HttpStatus.UNAUTHORIZED, 'session_ended', 'Sign in again.');
    return this.auth.completeSignIn(user, client, profile.provider);
  }

  /** Links the provider account to a signed-in user (from Account settings). Repeating it is harmless. */
  async link(userId: string, profile: ProviderProfile, actor: AuditActor): Promise<void> {
    const em = this.em.fork();
    const owner = await em.findOne(SocialIdentity, { provider: profile.provider, subject: profile.subject });
    if (owner?.userId === userId) return;
    if (owner)
      throw problem(
        HttpStatus.CONFLICT,
        'social_account_in_use',
        `This ${PROVIDER_NAMES[profile.provider]} account already signs in to another Huntkit account.`,
      );
    if (await em.count(SocialIdentity, { userId, provider: profile.provider }))
      throw problem(
        HttpStatus.CONFLICT,
        'provider_already_linked',
        `Another ${PROVIDER_NAMES[profile.provider]} account is already connected. Remove it first.`,
      );
    await this.em.fork().transactional(async (tx) => {
      this.addIdentity(tx, userId, profile);
      this.audit.record(tx, {
        ...actor,
        actorId: userId,
        targetUserId: userId,
        action: 'social.linked',
        details: { provider: profile.provider, email: profile.email },
      });
    });
    await this.notify(userId, profile.provider, true);
  }

  async list(userId: string): Promise<{ accounts: ConnectedAccount[]; hasPassword: boolean }> {
    const [identities, user] = await Promise.all([
      this.em.fork().find(SocialIdentity, { userId }, { orderBy: { createdAt: 'asc' } }),
      this.users.findById(userId),
    ]);
    return {
      accounts: identities.map((i) => ({ provider: i.provider, email: i.email, linkedAt: i.createdAt })),
      hasPassword: !!user?.passwordHash,
    };
  }

  /** Refuses to remove the last way in: no password and no other provider. */
  async unlink(userId: string, provider: SocialProvider, actor: AuditActor): Promise<void> {
    await this.em.fork().transactional(async (em) => {
      await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`sign-in-methods:${userId}`]);
      const identities = await em.find(SocialIdentity, { userId });
      const identity = identities.find((i) => i.provider === provider);
      if (!identity)
        throw problem(
          HttpStatus.NOT_FOUND,
          'provider_not_linked',
          `${PROVIDER_NAMES[provider]} is not connected.`,
        );
      const user = await this.users.findById(userId);
      if (!user?.passwordHash && identities.length === 1)
        throw problem(
          HttpStatus.CONFLICT,
          'last_sign_in_method',
          `${PROVIDER_NAMES[provider]} is your only way to sign in. Set a password first (Forgot password mails you a link) or connect another account.`,
        );
      em.remove(identity);
      this.audit.record(em, {
        ...actor,
        actorId: userId,
        targetUserId: userId,
        action: 'social.unlinked',
        details: { provider },
      });
    });
    await this.notify(userId, provider, false);
  }

  /** The account a first sign-in through this provider belongs to, made or linked as the rules allow. */
  private async accountFor(profile: ProviderProfile, client: ClientContext): Promise<User> {
    const name = PROVIDER_NAMES[profile.provider];
    if (!profile.email || !profile.emailVerified)
      throw problem(
        HttpStatus.FORBIDDEN,
        'social_email_unverified',
        `Your ${name} account has no verified email address. Verify one at ${name}, or sign up with email.`,
      );
    const email = profile.email;
    const existing = await this.users.findByEmail(email);
    const actor = { ip: client.ip ?? null, userAgent: client.userAgent ?? null };
    if (!existing) {
      const created = await this.em.fork().transactional(async (em) => {
        const user = await this.users.createVerifiedWithoutPassword(
          { email, displayName: profile.name ?? email.split('@')[0] ?? 'Hunter' },
          em,
        );
        if (!user) return null;
        this.addIdentity(em, user.id, profile);
        this.audit.record(em, {
          ...actor,
          actorId: user.id,
          targetUserId: user.id,
          action: 'social.signed_up',
          details: { provider: profile.provider },
        });
        return user;
      });
      if (created) return created;
      return this.accountFor(profile, client); // someone registered the address meanwhile
    }
    const claimed = await this.em
      .fork()
      .transactional(async (em) => {
        let claim = false;
        if (!existing.emailVerifiedAt) {
          // Whoever registered this address never proved it; the provider just did, for its owner.
          claim = await this.users.claimUnverified(existing.id, em);
          await this.sessions.revokeAllForUser(existing.id, 'account_claimed', undefined, em);
          await this.tokens.invalidate(existing.id, 'verify_email', em);
          await this.tokens.invalidate(existing.id, 'reset_password', em);
        }
        this.addIdentity(em, existing.id, profile);
        this.audit.record(em, {
          ...actor,
          actorId: existing.id,
          targetUserId: existing.id,
          action: claim ? 'social.account_claimed' : 'social.linked',
          details: { provider: profile.provider, email, automatic: true },
        });
        return claim;
      })
      .catch((error: unknown) => {
        if (error instanceof UniqueConstraintViolationException)
          throw problem(
            HttpStatus.CONFLICT,
            'provider_already_linked',
            `Your Huntkit account is connected to another ${name} account. Sign in with that one or with your password.`,
          );
        throw error;
      });
    if (!claimed) await this.notify(existing.id, profile.provider, true);
    return (await this.users.findById(existing.id)) ?? existing;
  }

  private addIdentity(em: EntityManager, userId: string, profile: ProviderProfile): void {
    em.persist(
      em.create(SocialIdentity, {
        userId,
        provider: profile.provider,
        subject: profile.subject,
        email: profile.email,
      }),
    );
  }

  private async notify(userId: string, provider: SocialProvider, linked: boolean): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) return;
    const at = new Date();
    await this.mail.send(
      'sign-in-method-changed',
      { email: user.email, userId },
      {
        displayName: user.displayName,
        provider: PROVIDER_NAMES[provider],
        linked,
        changedAt: formatMailTime(at, user.timeZone),
        securityUrl: `${this.config.appUrl}/account#connected-accounts`,
      },
      `sign-in-method:${userId}:${provider}:${at.getTime()}`,
    );
  }
}
