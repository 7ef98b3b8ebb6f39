import type { AuthenticatedUser } from '@huntkit/api/core';
import { SessionsService } from '@huntkit/api/sessions';
import { UsersService } from '@huntkit/api/users';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import type { JwtPayload } from 'jsonwebtoken';
import { Strategy } from 'passport-jwt';
import { ACCESS_COOKIE } from '../auth-cookies';
import { ACCESS_TOKEN_ALGORITHMS, ACCESS_TOKEN_AUDIENCE, AccessTokens } from './access-tokens';

export const ACCESS_TOKEN_STRATEGY = 'access-token';

/**
 * The access token from the httpOnly `__Host-` cookie. A request that brings its own credentials
 * (Authorization) is not also judged by ambient cookies: the CSRF guard lets such requests through
 * without a token, so cookies must not count for them.
 */
const accessTokenCookie = (request: FastifyRequest): string | null =>
  request.headers.authorization ? null : (request.cookies?.[ACCESS_COOKIE] ?? null);

/**
 * Session sign-ins: a valid access token (algorithm pinned, `typ`, audience, issuer and expiry
 * checked by passport-jwt) whose session is still live and whose account is still active. Both are
 * checked on every request, so signing out, a revoked family or a deactivated account take effect at
 * once rather than when the 15-minute token runs out. Roles come from the account row, not the token.
 */
@Injectable()
export class AccessTokenStrategy extends PassportStrategy(Strategy, ACCESS_TOKEN_STRATEGY) {
  constructor(
    accessTokens: AccessTokens,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: accessTokenCookie,
      // The key is handed out only for tokens whose header says they are access tokens (RFC 9068
      // `at+jwt`), so an ID token or any other JWT signed with a related key never verifies.
      // passport-jwt's types predate KeyObject; it hands the key to jsonwebtoken as it is.
      secretOrKeyProvider: (_request, rawToken: string, done) =>
        AccessTokens.isAccessTokenType(rawToken)
          ? done(null, accessTokens.key as unknown as Buffer)
          : done(new Error('not an access token')),
      algorithms: ACCESS_TOKEN_ALGORITHMS,
      audience: ACCESS_TOKEN_AUDIENCE,
      issuer: accessTokens.issuer,
      passReqToCallback: true,
    });
  }

  async validate(request: FastifyRequest, payload: JwtPayload): Promise<AuthenticatedUser | null> {
    const claims = AccessTokens.claimsOf(payload);
    if (!claims) return null;
    const [live, user] = await Promise.all([
      this.sessions.checkAndTouch(claims.sessionId, { ip: request.ip }),
      this.users.findById(claims.userId),
    ]);
    if (!live || !user || user.deactivatedAt) return null;
    return { id: user.id, roles: [...user.roles], sessionId: claims.sessionId };
  }
}
