/**
 * Per-client limits of the account routes, on top of the global per-address limit. One table, so the
 * controllers and the tests that prove the limits hold across API processes cannot drift apart.
 */
export const AUTH_RATE_LIMITS = {
  '/api/auth/login': { limit: 10, ttl: 60_000 },
  '/api/auth/login/second-factor': { limit: 10, ttl: 60_000 },
  '/api/auth/google/one-tap': { limit: 10, ttl: 60_000 },
  '/api/auth/reauth': { limit: 10, ttl: 60_000 },
  '/api/auth/refresh': { limit: 30, ttl: 60_000 },
  '/api/auth/register': { limit: 5, ttl: 60_000 },
  '/api/auth/verify-email': { limit: 10, ttl: 60_000 },
  '/api/auth/resend-verification': { limit: 5, ttl: 3_600_000 },
  '/api/auth/forgot-password': { limit: 5, ttl: 3_600_000 },
  '/api/auth/reset-password': { limit: 10, ttl: 60_000 },
  '/api/me/email-change': { limit: 5, ttl: 3_600_000 },
  '/api/auth/email-change/confirm': { limit: 10, ttl: 60_000 },
  '/api/auth/email-change/report': { limit: 10, ttl: 60_000 },
} as const;

export type RateLimitedAuthRoute = keyof typeof AUTH_RATE_LIMITS;

/** `@Throttle` options for one of the routes above. */
export const authRateLimit = (route: RateLimitedAuthRoute) => ({ default: AUTH_RATE_LIMITS[route] });
