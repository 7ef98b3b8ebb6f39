import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { freePort } from './free-port';
import { waitFor } from './test-environment';

export interface PrivateRedis {
  url: string;
  /** Starts an empty server on the same port (the first time, or after `stop`). */
  start(): Promise<void>;
  /** Kills it, as a crash would: clients see their connections reset and nothing is kept. */
  stop(): Promise<void>;
}

/**
 * A redis-server of the test's own, not yet started, for tests of what happens while Redis is away
 * or comes back empty: the shared server must never be stopped or flushed. Call `stop` in afterAll.
 */
export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  return {
    url,
    async start() {
      child = spawn(
        process.env['REDIS_SERVER'] ?? 'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
      await waitFor(async () => {
        const probe = new Redis(url, {
          lazyConnect: true,
          maxRetriesPerRequest: 0,
          retryStrategy: () => null,
        });
        probe.on('error', () => undefined);
        try {
          await probe.connect();
          return true;
        } catch {
          return false;
        } finally {
          probe.disconnect();
        }
      }, Boolean);
    },
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      running.kill('SIGKILL');
      await once(running, 'exit');
    },
  };
}
