import { SessionsService } from '@huntkit/api/sessions';
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ACCESS_COOKIE, REFRESH_COOKIE } from '../auth-cookies';
import { AccessTokens } from './access-tokens';

/** Which sign-in a browser's cookies belong to, whether or not the access token is still fresh. */
@Injectable()
export class CookieSessions {
  constructor(
    private readonly accessTokens: AccessTokens,
    private readonly sessions: SessionsService,
  ) {}

  /**
   * The session the request's cookies belong to, valid or not yet refreshed; null without cookies.
   * Used to bind CSRF tokens and to sign out, never to authenticate.
   */
  async sessionOf(request: FastifyRequest): Promise<string | null> {
    if (request.headers.authorization) return null; // explicit credentials win over ambient cookies
    const access = request.cookies?.[ACCESS_COOKIE];
    const claims = access ? this.accessTokens.verify(access, { allowExpired: true }) : null;
    if (claims) return claims.sessionId;
    const refresh = request.cookies?.[REFRESH_COOKIE];
    return refresh ? this.sessions.sessionIdOf(refresh) : null;
  }
}
