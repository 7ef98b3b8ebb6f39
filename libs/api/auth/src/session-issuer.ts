import type { ClientContext, IssuedRefreshToken } from '@huntkit/api/sessions';
import type { User } from '@huntkit/api/users';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { setCsrfCookie, setSessionCookies } from './auth-cookies';
import { AccessTokens } from './authentication/access-tokens';
import { CsrfTokens } from './authentication/csrf-tokens';
import type { MeDto, SignInResultDto } from './dto/auth.dto';

/** The credentials of a session just started, refreshed or renewed (after a password or email change). */
export interface SessionTokens {
  accessToken: string;
  refresh: IssuedRefreshToken;
}

/** A sign-in that went through: the account, and its new session's tokens. */
export interface SignedInSession extends SessionTokens {
  user: MeDto;
}

/** The password (or provider) was right and the account has MFA: no session until the challenge is answered. */
export interface SecondFactorRequired {
  challenge: { id: string; expiresAt: Date };
}

export type SignInOutcome = SignedInSession | SecondFactorRequired;

export function clientOf(request: FastifyRequest): ClientContext {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

/**
 * The one place a sign-in's outcome is produced, whatever the path (password, second factor, email
 * link, Google One Tap, provider callback) and for renewed sessions: the access token, the cookies
 * with a CSRF token bound to the session, and the response body. Paths cannot drift apart in what they
 * set or answer.
 */
@Injectable()
export class SessionIssuer {
  constructor(
    private readonly accessTokens: AccessTokens,
    private readonly csrf: CsrfTokens,
  ) {}

  /** An access token for a session of the account (its refresh token comes from the sessions feature). */
  tokensFor(user: Pick<User, 'id' | 'roles'>, refresh: IssuedRefreshToken): SessionTokens {
    const accessToken = this.accessTokens.sign({
      userId: user.id,
      sessionId: refresh.sessionId,
      roles: [...user.roles],
    });
    return { accessToken, refresh };
  }

  /** A new or refreshed session: its cookies, and a CSRF token bound to it (the old one no longer fits). */
  setCookies(reply: FastifyReply, session: SessionTokens): void {
    setSessionCookies(reply, session.accessToken, session.refresh.token, session.refresh.sessionExpiresAt);
    setCsrfCookie(reply, this.csrf.issue(session.refresh.sessionId));
  }

  /** The answer to a sign-in: cookies and the account, or the challenge to answer and no cookie. */
  respond(reply: FastifyReply, outcome: SignInOutcome): SignInResultDto {
    if ('challenge' in outcome)
      return {
        status: 'second_factor_required',
        challenge: { id: outcome.challenge.id, expiresAt: outcome.challenge.expiresAt.toISOString() },
      };
    this.setCookies(reply, outcome);
    return { status: 'signed_in', user: outcome.user };
  }
}
