import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ProblemException } from '@huntkit/api/core';
import { type ClientContext, SessionsService } from '@huntkit/api/sessions';
import { hashPassword, type User, UsersService, verifyPassword } from '@huntkit/api/users';
import { randomBytes } from 'node:crypto';
import type { MeDto } from './dto/auth.dto';
import { LoginEvent, SIGN_IN_METHODS, type SignInMethod } from './entities/login-event.entity';
import { SignInBackoff } from './sign-in-backoff';
import { ActiveUsers } from './activity/active-users.service';
import { MfaService, type SecondFactor } from '@huntkit/api/mfa';
import { AuditService } from '@huntkit/api/audit';
import { SignInAlerts } from './sign-in-alerts';
import {
  SessionIssuer,
  type SessionTokens,
  type SignedInSession,
  type SignInOutcome,
} from './session-issuer';

export function toMeDto(user: User): MeDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: [...user.roles],
    timeZone: user.timeZone,
    verified: user.emailVerifiedAt !== null,
    createdAt: user.createdAt.toISOString(),
  };
}

const invalidCredentials = () =>
  new ProblemException(HttpStatus.UNAUTHORIZED, 'invalid_credentials', 'The email or password is not right.');
const accountDeactivated = () =>
  new ProblemException(
    HttpStatus.FORBIDDEN,
    'account_deactivated',
    'This account has been deactivated. Contact support if you think this is a mistake.',
  );
const sessionEnded = () =>
  new ProblemException(HttpStatus.UNAUTHORIZED, 'session_ended', 'Your session has ended. Sign in again.');

@Injectable()
export class AuthService {
  /** Unknown emails are checked against this, so they cost the same argon2 time as real ones. */
  private readonly decoyHash = hashPassword(randomBytes(24).toString('base64url'));

  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly issuer: SessionIssuer,
    private readonly em: EntityManager,
    private readonly backoff: SignInBackoff,
    private readonly activeUsers: ActiveUsers,
    private readonly mfa: MfaService,
    private readonly audit: AuditService,
    private readonly signInAlerts: SignInAlerts,
  ) {}

  /**
   * Password sign-in. Whether an account is unverified or deactivated is only told to someone who
   * knows its password; everyone else gets the same "not right" answer in the same time.
   */
  async login(email: string, password: string, client: ClientContext): Promise<SignInOutcome> {
    await this.backoff.assertMayTry(email);
    const user = await this.users.findByEmail(email);
    const passwordMatches = await verifyPassword(user?.passwordHash ?? (await this.decoyHash), password);
    if (!user?.passwordHash || !passwordMatches) {
      await this.backoff.recordFailure(email);
      if (user) await this.recordFailedSignIn(user.id, client);
      throw invalidCredentials();
    }
    await this.backoff.clear(email);
    if (user.deactivatedAt) throw accountDeactivated();
    if (!user.emailVerifiedAt) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'email_not_verified',
        'Confirm your email address first: follow the link in the mail we sent you.',
      );
    }
    return this.completeSignIn(user, client, 'password');
  }

  /**
   * The last step of every sign-in path (password, Google, GitHub): a deactivated account stops here,
   * and an account with MFA gets a challenge instead of a session.
   */
  async completeSignIn(user: User, client: ClientContext, method: SignInMethod): Promise<SignInOutcome> {
    if (user.deactivatedAt) throw accountDeactivated();
    if (await this.mfa.isEnabled(user.id)) {
      const challenge = await this.mfa.createChallenge(user.id, method);
      return { challenge: { id: challenge.id, expiresAt: challenge.expiresAt } };
    }
    return this.startSession(user, client, { method });
  }

  /** The second step of a sign-in with MFA: a code from the app or a backup code. */
  async completeSecondFactor(
    challengeId: string,
    answer: SecondFactor,
    client: ClientContext,
  ): Promise<SignedInSession> {
    const { userId, firstFactor } = await this.mfa.answerChallenge(challengeId, answer);
    const user = await this.users.findById(userId);
    if (!user || user.deactivatedAt || !user.emailVerifiedAt) throw sessionEnded();
    const method = SIGN_IN_METHODS.find((known) => known === firstFactor) ?? 'password';
    return this.startSession(user, client, { method, secondFactor: true });
  }

  /**
   * Proves again who is using this session (password, or a code when MFA is on), which opens the
   * window for sensitive actions. Wrong passwords count toward the account's sign-in backoff.
   */
  async reauthenticate(
    userId: string,
    sessionId: string | undefined,
    proof: { password?: string; code?: string; backupCode?: string },
  ): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user || !sessionId) throw sessionEnded();
    let proven = false;
    if (proof.password !== undefined) {
      await this.backoff.assertMayTry(user.email);
      proven = !!user.passwordHash && (await verifyPassword(user.passwordHash, proof.password));
      if (!proven) await this.backoff.recordFailure(user.email);
    } else if (proof.code !== undefined) proven = await this.mfa.verify(userId, { code: proof.code });
    else if (proof.backupCode !== undefined)
      proven = await this.mfa.verify(userId, { backupCode: proof.backupCode });
    if (!proven)
      throw new ProblemException(
        HttpStatus.UNAUTHORIZED,
        'reauthentication_failed',
        'That did not match. Try again.',
      );
    await this.sessions.markReauthenticated(sessionId);
  }

  /** Following a verification link signs the new account in (the link proves the mailbox). */
  async signInVerifiedUser(userId: string, client: ClientContext): Promise<SignedInSession> {
    const user = await this.users.findById(userId);
    if (!user?.emailVerifiedAt || user.deactivatedAt) throw sessionEnded();
    return this.startSession(user, client, { method: 'email_link' });
  }

  private async startSession(
    user: User,
    client: ClientContext,
    { method, secondFactor = false }: { method: SignInMethod; secondFactor?: boolean },
  ): Promise<SignedInSession> {
    const refresh = await this.sessions.start(user.id, client);
    const now = new Date();
    await this.signInAlerts.checkNewDevice(user, client, refresh.sessionId, now);
    await this.users.recordSignIn(user.id, now);
    const em = this.em.fork();
    em.persist(
      em.create(LoginEvent, {
        userId: user.id,
        at: now,
        method,
        secondFactor,
        ip: client.ip ?? null,
        userAgent: client.userAgent?.slice(0, 512) ?? null,
      }),
    );
    this.audit.record(em, {
      actorId: user.id,
      targetUserId: user.id,
      action: 'auth.signed_in',
      ip: client.ip ?? null,
      userAgent: client.userAgent ?? null,
      details: { method, secondFactor },
    });
    await em.flush();
    await this.activeUsers.record(user.id, now);
    return { user: toMeDto(user), ...this.issuer.tokensFor(user, refresh) };
  }

  /** A wrong password for a real account: the owner sees it in their security activity. */
  private async recordFailedSignIn(userId: string, client: ClientContext): Promise<void> {
    const em = this.em.fork();
    this.audit.record(em, {
      actorId: null,
      targetUserId: userId,
      action: 'auth.sign_in_failed',
      ip: client.ip ?? null,
      userAgent: client.userAgent ?? null,
      details: { reason: 'wrong_password' },
    });
    await em.flush();
  }

  async refresh(refreshToken: string | undefined, client: ClientContext): Promise<SessionTokens> {
    if (!refreshToken) throw sessionEnded();
    const rotation = await this.sessions.rotate(refreshToken, client);
    if (!rotation.ok) throw sessionEnded();
    const user = await this.users.findById(rotation.issued.userId);
    if (!user || user.deactivatedAt) {
      await this.sessions.revoke(rotation.issued.sessionId, 'account_deactivated');
      throw sessionEnded();
    }
    await this.activeUsers.record(user.id);
    return this.issuer.tokensFor(user, rotation.issued);
  }

  async logout(sessionId: string | null): Promise<void> {
    if (sessionId) await this.sessions.revoke(sessionId, 'signed_out');
  }

  /** The account as the web app sees it; 401 `session_ended` when it no longer exists. */
  async me(userId: string): Promise<MeDto> {
    const user = await this.users.findById(userId);
    if (!user) throw sessionEnded();
    return toMeDto(user);
  }
}
