/**
 * SQLSTATEs of a server that went away or refuses connections for now: class 08 (connection
 * exception) and 57P01-57P03 (administrator or crash shutdown, cannot connect now).
 */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[1-3])$/;

/** What `pg` and `pg-pool` say, without a SQLSTATE, when a connection died or none came in time. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated( unexpectedly)?$/,
  /is not queryable$/,
  /^timeout exceeded when trying to connect$/,
];

/**
 * True when a query failed because the database was out of reach (its connection was killed, the
 * server restarts or fails over, no connection came in time), not because of the query: answered
 * 503 with Retry-After, since the same request shortly after will work. MikroORM wraps the driver's
 * error and keeps its `code`; the original may also sit in `cause`.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE_SQLSTATE.test(code)) return true;
    const message = current.message;
    if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
    current = current.cause;
  }
  return false;
}
