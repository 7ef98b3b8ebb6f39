import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply } from 'fastify';

/**
 * __Host- cookies: Secure, Path=/ and no Domain, so a sibling subdomain can neither set nor read them.
 * Browsers treat localhost and 127.0.0.1 as secure, so they work in development too.
 */
export const ACCESS_COOKIE = '__Host-hk_access';
export const REFRESH_COOKIE = '__Host-hk_refresh';
export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'x-xsrf-token';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

const base: CookieSerializeOptions = { path: '/', secure: true, sameSite: 'lax' };

export function setSessionCookies(
  reply: FastifyReply,
  accessToken: string,
  refreshToken: string,
  sessionExpiresAt: Date,
): void {
  void reply.setCookie(ACCESS_COOKIE, accessToken, {
    ...base,
    httpOnly: true,
    maxAge: ACCESS_TOKEN_TTL_SECONDS,
  });
  void reply.setCookie(REFRESH_COOKIE, refreshToken, { ...base, httpOnly: true, expires: sessionExpiresAt });
}

export function clearSessionCookies(reply: FastifyReply): void {
  for (const name of [ACCESS_COOKIE, REFRESH_COOKIE])
    void reply.clearCookie(name, { ...base, httpOnly: true });
}

/** Readable by the web app's script (Angular sends it back as X-XSRF-TOKEN); Strict, never sent cross-site. */
export function setCsrfCookie(reply: FastifyReply, token: string): void {
  void reply.setCookie(CSRF_COOKIE, token, { ...base, sameSite: 'strict', httpOnly: false });
}
