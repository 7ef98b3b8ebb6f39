import { APP_CONFIG, type AppConfig, type GuardedPool } from '@huntkit/api/core';
import { waitFor } from '@huntkit/api/core/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectInvariants, report, runsOver, seconds, workerNamed } from './faults';
import { envFor, type RunningProcess, startBuilt } from './processes';
import { slowWebServer, tcpListener } from './run-targets';
import { type CallResult, startSignedInHarness, type SignedInHarness } from './signed-in-harness';

const STORAGE = mkdtempSync(join(tmpdir(), 'huntkit-faults-postgres-'));
// Few connections, so a connection leaked per kill would starve the API or the worker within the test.
const RUN_ENV = {
  TOOL_TARGETS_ALLOW_PRIVATE: 'true',
  RUN_STORAGE_DIR: STORAGE,
  RUN_STALL_SECONDS: '2',
  DATABASE_POOL_MAX: '3',
};
/** Generous on purpose: the point is that no request hangs, not how fast it recovers. */
const REQUEST_BOUND_MS = 10_000;
const KILLS = 4;

interface Sample {
  path: string;
  status: number;
  ms: number;
  startedAt: number;
  body: Record<string, unknown>;
  retryAfter: string | null;
}

describe('fault: every Postgres connection of the API and the worker killed (pg_terminate_backend)', () => {
  let harness: SignedInHarness;
  let worker: RunningProcess;
  let database: string;

  beforeAll(async () => {
    harness = await startSignedInHarness('faults_postgres', RUN_ENV);
    const config = harness.api.get<AppConfig>(APP_CONFIG);
    database = new URL(config.database.url).pathname.slice(1);
    worker = startBuilt('worker', envFor(config, RUN_ENV));
    await worker.waitForLog('worker ready');
  });

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await harness?.close();
    rmSync(STORAGE, { recursive: true, force: true });
  });

  /** Terminates every backend of the suite's database but the one asking; returns how many. */
  async function terminateAll(): Promise<number> {
    const rows = await harness.em
      .fork()
      .execute<
        { pid: number }[]
      >('select pg_terminate_backend(pid), pid from pg_stat_activity where datname = ? and pid <> pg_backend_pid()', [database]);
    return rows.length;
  }

  /** Sends `send` in a loop until `stop` says so, keeping every answer (a browser tab, in effect). */
  async function load(
    path: string,
    send: (signal: AbortSignal) => Promise<CallResult>,
    stop: () => boolean,
    onAnswer: () => void,
  ): Promise<Sample[]> {
    const samples: Sample[] = [];
    while (!stop()) {
      const startedAt = performance.now();
      const answer = await send(AbortSignal.timeout(REQUEST_BOUND_MS * 3)).catch((error: Error) => ({
        status: 0,
        headers: new Headers(),
        body: { error: error.message } as Record<string, unknown>,
      }));
      const ms = performance.now() - startedAt;
      const retryAfter = answer.headers.get('retry-after');
      samples.push({ path, status: answer.status, ms, startedAt, body: answer.body, retryAfter });
      onAnswer();
    }
    return samples;
  }

  it('keeps answering within a bound while its connections die, then recovers by itself, runs included', async () => {
    const runs = runsOver(harness);
    const jar = await runs.signedInUser();
    const site = await slowWebServer(60, ['/admin']);
    const listener = await tcpListener();
    try {
      const inFlight = await runs.launch(jar, 'path-discovery', { url: site.url, concurrency: 1 });
      await runs.waitForLine(jar, inFlight, /Path discovery/);

      let stopping = false;
      let optIn = false;
      const requests: [string, (signal: AbortSignal) => Promise<CallResult>][] = [
        ...['/api/runs', '/api/credits/balance', '/api/health/ready', `/api/runs/${inFlight}`].map(
          (path): [string, (signal: AbortSignal) => Promise<CallResult>] => [
            path,
            (signal) => harness.call(path, { jar, signal }),
          ],
        ),
        // A write: its transaction is open when the connection dies.
        [
          'PATCH /api/me/notifications',
          (signal) =>
            harness.call('/api/me/notifications', {
              method: 'PATCH',
              jar,
              csrf: true,
              signal,
              json: { product_news: (optIn = !optIn) },
            }),
        ],
      ];
      const answered = requests.map(() => 0);
      let kills: number[] = [];
      const loads = Promise.all(
        requests.map(([path, send], index) =>
          load(
            path,
            send,
            () => stopping,
            () => (answered[index] = (answered[index] ?? 0) + 1),
          ),
        ),
      );
      const killedAt: number[] = [];
      let terminated = 0;
      for (let kill = 0; kill < KILLS; kill++) {
        // Each loop gets a few answers between kills, so connections are in use when they die.
        await waitFor(
          async () => answered.slice(),
          (now) => now.every((count, index) => count >= (kills[index] ?? 0) + 3),
        );
        kills = answered.slice();
        terminated += await terminateAll();
        killedAt.push(performance.now());
      }
      const lastKill = killedAt.at(-1) ?? 0;
      // Every loop goes on for a while after the last kill, to show it recovered.
      await waitFor(
        async () => answered.slice(),
        (now) =>
          performance.now() - lastKill > 2000 &&
          now.every((count, index) => count >= (kills[index] ?? 0) + 10),
      );
      stopping = true;
      const samples = (await loads).flat();

      const slowest = samples.reduce((worst, sample) => (sample.ms > worst.ms ? sample : worst));
      const failed = samples.filter((sample) => sample.status !== 200);
      const late = samples.filter((sample) => sample.startedAt > lastKill + 1000);
      const failures = [
        ...new Set(failed.map((sample) => `${sample.status} ${String(sample.body['code'])}`)),
      ];
      expect(slowest.ms).toBeLessThan(REQUEST_BOUND_MS);
      // A request whose connection died is told to try again (503, Retry-After), never a bare 500.
      for (const sample of failed)
        expect(sample).toMatchObject(
          sample.path === '/api/health/ready'
            ? { status: 503, body: { code: 'not_ready' } }
            : { status: 503, body: { code: 'database_unavailable' }, retryAfter: '5' },
        );
      expect(late.length).toBeGreaterThan(0);
      expect(late.filter((sample) => sample.status !== 200)).toEqual([]);
      // No connection is left lent out once nothing is running: none leaked with its dead transaction.
      const pool = (await harness.em.getConnection().getNativeClient()) as unknown as GuardedPool;
      await waitFor(
        async () => pool.totalCount - pool.idleCount,
        (lent) => lent === 0,
      );

      // The run in flight ends on its own (it did its work: succeeded), and a new one completes.
      const inFlightEnd = await runs.finalStatus(jar, inFlight);
      expect(inFlightEnd).toMatchObject({ status: 'succeeded' });
      const next = await runs.launch(jar, 'port-scan', {
        target: '127.0.0.1',
        ports: `${listener.port}`,
        grabBanners: false,
      });
      expect(await runs.finalStatus(jar, next)).toMatchObject({ status: 'succeeded' });
      expect(workerNamed((await runs.row(next)).worker)).toBe(worker.pid);
      expect(await runs.balance(jar)).toMatchObject({ total: 5, reserved: 0 });
      await expectInvariants(harness);
      report(
        `postgres connections killed: ${KILLS} rounds, ${terminated} backends terminated while a run was in flight; ` +
          `${samples.length} requests, ${failed.length} failed fast (${failures.join(', ')}), slowest ${seconds(slowest.ms)} (${slowest.path}), ` +
          `all ${late.length} requests from 1 s after the last kill answered 200; the run in flight ${inFlightEnd.status}, ` +
          `a new run succeeded on the same worker`,
      );
    } finally {
      site.close();
      await listener.close();
    }
  });
});
