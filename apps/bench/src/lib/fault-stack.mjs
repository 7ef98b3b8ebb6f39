/**
 * The stack the fault scenarios break: private Redis and Postgres, the built API and worker on them,
 * a signed-in admin, a local web site for tools to scan, and the invariants every scenario must leave
 * true (no run left queued or running, credits:check clean).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import {
  API_CLI,
  API_MAIN,
  apiEnvironment,
  describeExit,
  freePort,
  MIGRATE_TIMEOUT_MS,
  runToCompletion,
  startChild,
  stopChild,
  waitUntilServing,
} from './harness.mjs';
import { HttpSession } from './http-session.mjs';
import { startPrivatePostgres, startPrivateRedis } from './private-services.mjs';

export const WORKER_MAIN = 'dist/apps/worker/main.js';
const ADMIN = { email: 'faults-admin@huntkit.local', password: 'faults admin password 42' };
/** The longest a scenario waits for a state it expects (a run's end, a recovery). */
export const STATE_WAIT_MS = 60_000;

/** Run folders of stacks still up, removed on any way out (a signal, the watchdog) as well. */
const storageDirs = new Set();
process.once('exit', () => {
  for (const dir of storageDirs) rmSync(dir, { recursive: true, force: true });
});

/** Polls `probe` until `accept` holds; answers the last value. */
export async function waitFor(what, probe, accept = Boolean, timeoutMs = STATE_WAIT_MS) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (performance.now() > deadline)
      throw new Error(`${what}: not within ${timeoutMs} ms (last: ${JSON.stringify(value)?.slice(0, 300)})`);
    await sleep(50);
  }
}

/**
 * A site for path discovery that answers every word of the list after `delayMs` (one terminal line
 * per hit, so the run prints steadily) and 404 to the random probe the tool calibrates with.
 */
async function steadySite(delayMs) {
  const server = createServer((request, response) => {
    setTimeout(() => {
      const miss = (request.url ?? '').startsWith('/huntkit-');
      response.writeHead(miss ? 404 : 200, { 'content-type': 'text/plain' });
      response.end(miss ? 'not found\n' : `here: ${request.url}\n`);
    }, delayMs);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

async function waitForOutput(proc, message) {
  await waitFor(`${proc.name} to log "${message}"`, async () => {
    if (proc.exit) throw new Error(describeExit(proc));
    return proc.seen || (proc.seen = proc.output.includes(message));
  });
}

export async function startFaultStack({ log = () => undefined, env = {} } = {}) {
  const cleanups = [];
  const stack = { cleanups };
  try {
    stack.redis = await startPrivateRedis();
    cleanups.push(() => stack.redis.destroy());
    stack.postgres = await startPrivatePostgres();
    cleanups.push(() => stack.postgres.destroy());
    log(`private redis ${stack.redis.url}, private postgres 127.0.0.1:${stack.postgres.port}`);
    const storage = mkdtempSync(join(tmpdir(), 'huntkit-faults-runs-'));
    storageDirs.add(storage);
    cleanups.push(() => {
      rmSync(storage, { recursive: true, force: true });
      storageDirs.delete(storage);
    });
    const port = await freePort();
    stack.databaseUrl = stack.postgres.url.replace(/\/postgres$/, '/huntkit_restarts');
    stack.env = apiEnvironment(port, {
      databaseUrl: stack.databaseUrl,
      redisUrl: stack.redis.url,
      extra: {
        LOG_LEVEL: 'warn',
        TOOL_TARGETS_ALLOW_PRIVATE: 'true',
        RUN_STORAGE_DIR: storage,
        RATE_LIMIT_PER_MINUTE: '100000',
        DEMO_ADMIN_EMAIL: ADMIN.email,
        DEMO_ADMIN_PASSWORD: ADMIN.password,
        WORKER_CONCURRENCY: '2',
        ...env,
      },
    });
    await runToCompletion('migrate', [API_CLI, 'migrate'], stack.env, MIGRATE_TIMEOUT_MS);
    await runToCompletion('seed', [API_CLI, 'seed'], stack.env, MIGRATE_TIMEOUT_MS);
    stack.baseUrl = `http://127.0.0.1:${port}`;
    stack.api = startChild('api', [API_MAIN], stack.env);
    cleanups.push(() => stopChild(stack.api));
    stack.worker = startChild(
      'worker',
      [WORKER_MAIN],
      { ...stack.env, LOG_LEVEL: 'info' },
      { keepStdout: true },
    );
    cleanups.push(() => stopChild(stack.worker));
    await waitUntilServing(stack.api, `${stack.baseUrl}/api/health/ready`);
    await waitForOutput(stack.worker, 'worker ready');
    stack.site = await steadySite(10);
    cleanups.push(() => stack.site.close());
    stack.session = new HttpSession(stack.baseUrl);
    await stack.session.signIn(ADMIN.email, ADMIN.password);
    // Enough for every run of a scenario, whatever the tools cost.
    const me = await stack.session.call('/api/me');
    const granted = await stack.session.call(`/api/admin/users/${me.body.id}/credit-grants`, {
      method: 'POST',
      json: { amount: 100, reason: 'fault scenarios', idempotencyKey: randomUUID() },
    });
    if (granted.status !== 201)
      throw new Error(`granting credits answered ${granted.status}: ${JSON.stringify(granted.body)}`);
    stack.db = new pg.Pool({ connectionString: stack.databaseUrl, max: 2, connectionTimeoutMillis: 2000 });
    stack.db.on('error', () => undefined); // the scenarios restart the server under it
    cleanups.push(() => stack.db.end());
  } catch (error) {
    await stopFaultStack(stack);
    throw error;
  }
  return stack;
}

/** Stops what the stack started, in reverse order, each step on its own so one failure stops nothing else. */
export async function stopFaultStack(stack) {
  for (const cleanup of stack.cleanups.reverse())
    await Promise.resolve()
      .then(cleanup)
      .catch(() => undefined);
  stack.cleanups.length = 0;
}

/** Launches path discovery against the steady site; answers the run id. */
export async function launchPathDiscovery(stack, wordlist = 'small') {
  const launched = await stack.session.call('/api/tools/path-discovery/runs', {
    method: 'POST',
    json: { config: { url: stack.site.url, concurrency: 1, wordlist }, idempotencyKey: randomUUID() },
  });
  if (launched.status !== 201)
    throw new Error(`launch answered ${launched.status}: ${JSON.stringify(launched.body)}`);
  return String(launched.body.id);
}

export const isProblem = (answer) =>
  answer.status >= 400 && /^application\/problem\+json/.test(answer.contentType);

/** The invariants every scenario leaves true, as rows for the table: [name, pass, detail]. */
export async function invariants(stack) {
  const { rows } = await stack.db.query(
    "select id, status from tool_runs where status in ('queued', 'running')",
  );
  const check = await runToCompletion(
    'credits:check',
    [API_CLI, 'credits:check'],
    stack.env,
    MIGRATE_TIMEOUT_MS,
  ).then(
    (output) => ({ ok: true, output }),
    (error) => ({ ok: false, output: error.message }),
  );
  return [
    ['no run left queued or running', rows.length === 0, rows.length ? JSON.stringify(rows) : 'none'],
    [
      'credits:check clean (exit 0)',
      check.ok,
      // The drift lines, or the error a crash printed, rather than Node's trailer.
      check.ok
        ? check.output.split('\n').at(-1)
        : check.output
            .split('\n')
            .filter((line) => /drift|user |Error/.test(line))
            .slice(0, 4)
            .join(' | '),
    ],
  ];
}
