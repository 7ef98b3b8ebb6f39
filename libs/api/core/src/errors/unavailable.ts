/**
 * Errors that say a dependency is away (Postgres restarting or refusing connections, Redis
 * reconnecting), not that the request or our code is wrong. They answer 503 with Retry-After, so
 * clients and load balancers wait and retry instead of reporting a bug, and the outage reads as one
 * in the logs and metrics rather than as a burst of 500s.
 */
export type UnavailableDependency = 'database' | 'redis';

/** Socket-level failures, from pg and ioredis alike. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/**
 * SQLSTATEs of a server going away or not taking connections: class 08 (connection exception),
 * 57P01-57P03 (shut down by an admin, crashed, starting up or shutting down), 53300 (no free slot).
 */
const POSTGRES_CODE = /^(08\d{3}|57P0[123]|53300)$/;
/** pg's pool and client report these without a code. */
const POSTGRES_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated unexpectedly)|is not queryable$/;
/** ioredis: offline with its retries spent, a closed connection, or no answer in time. */
const REDIS_MESSAGE =
  /^(Connection is closed\.|Command timed out|Reached the max retries per request limit|Stream isn't writeable)/;

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

function dependencyOf(error: ErrorLike): UnavailableDependency | null {
  const name = typeof error.name === 'string' ? error.name : '';
  const message = typeof error.message === 'string' ? error.message : '';
  const code = typeof error.code === 'string' ? error.code : '';
  if (name === 'MaxRetriesPerRequestError' || REDIS_MESSAGE.test(message)) return 'redis';
  if (POSTGRES_CODE.test(code) || POSTGRES_MESSAGE.test(message)) return 'database';
  // MikroORM's DriverException copies the driver's code; a bare socket error could be either.
  if (NETWORK_CODES.has(code)) return /Redis/i.test(message) ? 'redis' : 'database';
  return null;
}

/** Which dependency a thrown value says is unavailable, looking through wrapped causes; else null. */
export function unavailableDependency(exception: unknown): UnavailableDependency | null {
  let current: unknown = exception;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const found = dependencyOf(current as ErrorLike);
    if (found) return found;
    current = (current as ErrorLike).cause;
  }
  return null;
}

export interface RetryWhileUnavailableOptions {
  /** How long to keep trying from the first failure; past it the last error is thrown. */
  windowMs: number;
  /** Told of each failure that will be tried again, for the logs. */
  onRetry?: (error: unknown, attempt: number) => void;
}

const RETRY_FIRST_MS = 200;
const RETRY_MAX_MS = 5_000;

/**
 * Runs `work`, and runs it again (backing off) while it fails because a dependency is away, for up
 * to `windowMs`. For work that must not be lost to a restart of a few seconds and is safe to repeat
 * (one transaction, all or nothing); any other failure is thrown at once.
 */
export async function retryWhileUnavailable<T>(
  work: () => Promise<T>,
  { windowMs, onRetry }: RetryWhileUnavailableOptions,
): Promise<T> {
  const deadline = performance.now() + windowMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!unavailableDependency(error) || performance.now() > deadline) throw error;
      onRetry?.(error, attempt);
      const wait = Math.min(RETRY_FIRST_MS * 2 ** (attempt - 1), RETRY_MAX_MS);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
