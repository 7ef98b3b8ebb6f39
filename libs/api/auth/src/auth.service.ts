import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ProblemException } from '@huntkit/api/core';
import { type ClientContext, type IssuedRefreshToken, SessionsService } from '@huntkit/api/sessions';
import { hashPassword, type User, UsersService, verifyPassword } from '@huntkit/api/users';
import { randomBytes } from 'node:crypto';
import { AccessTokens } from './access-tokens';
import type { MeDto } from './dto/auth.dto';
import { LoginEvent } from './entities/login-event.entity';
import { SignInBackoff } from './sign-in-backoff';
import { ActiveUsers } from './activity/active-users.service';

export interface SignedIn {
  user: MeDto;
  accessToken: string;
  refresh: IssuedRefreshToken;
}

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
const sessionEnded = () =>
  new ProblemException(HttpStatus.UNAUTHORIZED, 'session_ended', 'Your session has ended. Sign in again.');

@Injectable()
export class AuthService {
  /** Unknown emails are checked against this, so they cost the same argon2 time as real ones. */
  private readonly decoyHash = hashPassword(randomBytes(24).toString('base64url'));

  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly accessTokens: AccessTokens,
    private readonly em: EntityManager,
    private readonly backoff: SignInBackoff,
    private readonly activeUsers: ActiveUsers,
  ) {}

  /**
   * Password sign-in. Whether an account is unverified or deactivated is only told to someone who
   * knows its password; everyone else gets the same "not right" answer in the same time.
   */
  async login(email: string, password: string, client: ClientContext): Promise<SignedIn> {
    await this.backoff.assertMayTry(email);
    const user = await this.users.findByEmail(email);
    const passwordMatches = await verifyPassword(user?.passwordHash ?? (await this.decoyHash), password);
    if (!user?.passwordHash || !passwordMatches) {
      await this.backoff.recordFailure(email);
      throw invalidCredentials();
    }
    await this.backoff.clear(email);
    if (user.deactivatedAt) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'account_deactivated',
        'This account has been deactivated. Contact support if you think this is a mistake.',
      );
    }
    if (!user.emailVerifiedAt) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'email_not_verified',
        'Confirm your email address first: follow the link in the mail we sent you.',
      );
    }
    return this.startSession(user, client, 'password');
  }

  /** Following a verification link signs the new account in (the link proves the mailbox). */
  async signInVerifiedUser(userId: string, client: ClientContext): Promise<SignedIn> {
    const user = await this.users.findById(userId);
    if (!user?.emailVerifiedAt || user.deactivatedAt) throw sessionEnded();
    return this.startSession(user, client, 'email_link');
  }

  private async startSession(
    user: User,
    client: ClientContext,
    method: LoginEvent['method'],
  ): Promise<SignedIn> {
    const refresh = await this.sessions.start(user.id, client);
    const now = new Date();
    await this.users.recordSignIn(user.id, now);
    const em = this.em.fork();
    em.persist(
      em.create(LoginEvent, {
        userId: user.id,
        at: now,
        method,
        ip: client.ip ?? null,
        userAgent: client.userAgent?.slice(0, 512) ?? null,
      }),
    );
    await em.flush();
    await this.activeUsers.record(user.id, now);
    return { user: toMeDto(user), accessToken: this.accessToken(user, refresh.sessionId), refresh };
  }

  async refresh(refreshToken: string | undefined, client: ClientContext): Promise<Omit<SignedIn, 'user'>> {
    if (!refreshToken) throw sessionEnded();
    const rotation = await this.sessions.rotate(refreshToken, client);
    if (!rotation.ok) throw sessionEnded();
    const user = await this.users.findById(rotation.issued.userId);
    if (!user || user.deactivatedAt) {
      await this.sessions.revoke(rotation.issued.sessionId, 'account_deactivated');
      throw sessionEnded();
    }
    await this.activeUsers.record(user.id);
    return { accessToken: this.accessToken(user, rotation.issued.sessionId), refresh: rotation.issued };
  }

  async logout(sessionId: string | null): Promise<void> {
    if (sessionId) await this.sessions.revoke(sessionId, 'signed_out');
  }

  async me(userId: string): Promise<MeDto> {
    const user = await this.users.findById(userId);
    if (!user) throw sessionEnded();
    return toMeDto(user);
  }

  private accessToken(user: User, sessionId: string): string {
    return this.accessTokens.sign({ userId: user.id, sessionId, roles: [...user.roles] });
  }
}
