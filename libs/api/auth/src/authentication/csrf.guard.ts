import { APP_CONFIG, type AppConfig, ProblemException } from '@huntkit/api/core';
import { type CanActivate, type ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ACCESS_COOKIE, CSRF_HEADER, REFRESH_COOKIE } from '../auth-cookies';
import { CsrfTokens } from './csrf-tokens';
import { CookieSessions } from './cookie-sessions';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const crossSite = () =>
  new ProblemException(
    HttpStatus.FORBIDDEN,
    'cross_site_request',
    'Requests from other sites are not accepted.',
  );

/**
 * Cross-site request forgery defences for state-changing requests: the browser's own word on where the
 * request comes from (Sec-Fetch-Site, Origin), and, whenever session cookies ride along, a signed
 * double-submit token bound to that session. Requests with an Authorization header carry no ambient
 * credentials and need no token.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(
    private readonly csrf: CsrfTokens,
    private readonly cookieSessions: CookieSessions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (SAFE_METHODS.has(request.method)) return true;

    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') throw crossSite();
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== this.config.appUrl) throw crossSite();

    if (request.headers.authorization) return true;
    if (!request.cookies?.[ACCESS_COOKIE] && !request.cookies?.[REFRESH_COOKIE]) return true;
    const sessionId = await this.cookieSessions.sessionOf(request);
    if (!sessionId) return true; // stale cookies of no known session authenticate nothing
    const header = request.headers[CSRF_HEADER];
    if (!this.csrf.verify(typeof header === 'string' ? header : undefined, sessionId)) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'csrf_token_invalid',
        'The form has expired. Reload the page and try again.',
      );
    }
    return true;
  }
}
