import type { AuthenticatedUser, Authenticator } from '@huntkit/api/core';
import { SessionsService } from '@huntkit/api/sessions';
import { UsersService } from '@huntkit/api/users';
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AccessTokens } from './access-tokens';
import { ACCESS_COOKIE, REFRESH_COOKIE } from './auth-cookies';

/**
 * Who a request is from: a valid access cookie whose session is still live and whose account is still
 * active. Both are checked on every request, so signing out, a revoked family or a deactivated account
 * take effect at once rather than when the 15-minute token runs out. Roles come from the account row.
 */
@Injectable()
export class SessionAuthenticator implements Authenticator {
  constructor(
    private readonly accessTokens: AccessTokens,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
  ) {}

  async authenticate(request: FastifyRequest): Promise<AuthenticatedUser | null> {
    // A request that brings its own credentials (Authorization) is not also judged by ambient cookies:
    // the CSRF guard lets such requests through without a token, so cookies must not count for them.
    if (request.headers.authorization) return null;
    const token = request.cookies?.[ACCESS_COOKIE];
    const claims = token ? this.accessTokens.verify(token) : null;
    if (!claims) return null;
    const [live, user] = await Promise.all([
      this.sessions.checkAndTouch(claims.sessionId, { ip: request.ip }),
      this.users.findById(claims.userId),
    ]);
    if (!live || !user || user.deactivatedAt) return null;
    return { id: user.id, roles: [...user.roles], sessionId: claims.sessionId };
  }

  /** The session the request's cookies belong to, valid or not yet refreshed; null without cookies. */
  async sessionOf(request: FastifyRequest): Promise<string | null> {
    if (request.headers.authorization) return null; // as in authenticate(): explicit credentials win
    const access = request.cookies?.[ACCESS_COOKIE];
    const claims = access ? this.accessTokens.verify(access, { allowExpired: true }) : null;
    if (claims) return claims.sessionId;
    const refresh = request.cookies?.[REFRESH_COOKIE];
    return refresh ? this.sessions.sessionIdOf(refresh) : null;
  }
}
