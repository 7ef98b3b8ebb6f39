/** How long a query waits for a free connection before it fails, instead of waiting for ever. */
export const POOL_ACQUIRE_TIMEOUT_MS = 10_000;

type Release = (error?: Error | boolean) => void;

/** What this guard touches of a `pg` pool and its clients (the project has no `pg` typings). */
export interface GuardedPool {
  on(
    event: 'connect',
    listener: (client: { once(event: 'end', listener: () => void): unknown }) => void,
  ): unknown;
  totalCount: number;
  idleCount: number;
}

/**
 * Gives the pool its slot back when a connection it lent out dies. Kysely 0.29 (under MikroORM 7's
 * `transactional`) releases a transaction's connection only after its ROLLBACK succeeds, and on a
 * connection the server killed (pg_terminate_backend, a failover, a restart) it never does: each such
 * transaction kept one of the DATABASE_POOL_MAX slots for good, until every query of the process
 * waited for a connection that would never come. The holder's own later release becomes a no-op.
 */
export function releaseDeadConnections(pool: GuardedPool): void {
  pool.on('connect', (client) => {
    // pg-pool assigns `client.release` afresh on every checkout; the setter keeps that one aside.
    let lent: Release | null = null;
    const release: Release = (error) => {
      const poolRelease = lent;
      lent = null;
      poolRelease?.(error);
    };
    Object.defineProperty(client, 'release', {
      configurable: true,
      get: () => release,
      set: (poolRelease: Release) => {
        lent = poolRelease;
      },
    });
    // With an error, pg-pool drops the client and hands its slot to whoever is waiting.
    client.once('end', () => release(new Error('The database connection ended while in use')));
  });
}
