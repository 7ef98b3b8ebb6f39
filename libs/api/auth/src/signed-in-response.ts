import type { ClientContext } from '@huntkit/api/sessions';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { setCsrfCookie, setSessionCookies } from './auth-cookies';
import type { SignedIn } from './auth.service';
import type { CsrfTokens } from './csrf-tokens';

export function clientOf(request: FastifyRequest): ClientContext {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

/** A new or refreshed session: its cookies, and a CSRF token bound to it (the old one no longer fits). */
export function setSignedInCookies(
  reply: FastifyReply,
  session: Omit<SignedIn, 'user'>,
  csrf: CsrfTokens,
): void {
  setSessionCookies(reply, session.accessToken, session.refresh.token, session.refresh.sessionExpiresAt);
  setCsrfCookie(reply, csrf.issue(session.refresh.sessionId));
}
