/**
 * Throughput of GET /api/health on the built API next to a bare Fastify server, in one run on one machine.
 *
 * The liveness endpoint does no I/O, so its figure is the fixed cost every Huntkit request pays (NestJS
 * routing, helmet, compression checks, request ids, one JSON log line) against what Fastify alone can do
 * on the same hardware. The ratio is what to compare between runs and machines; absolute req/s depend on
 * the CPU and on autocannon sharing it.
 *
 * Usage: npx nx run bench:run   (builds the API first), or: node apps/bench/src/health-throughput.mjs
 *   BENCH_DURATION      measured seconds per server (default 10, at most 300)
 *   BENCH_DATABASE_URL  default postgres://postgres@127.0.0.1:5432/huntkit_bench (created and migrated)
 *   BENCH_REDIS_URL     default redis://127.0.0.1:6379
 *
 * Exits 0 whatever the figures are; non-zero only when a server cannot start, a request fails, or the run
 * exceeds its time budget.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const API_MAIN = 'dist/apps/api/main.js';
const API_CLI = 'dist/apps/api/cli.js';
const BARE_FASTIFY = fileURLToPath(new URL('./bare-fastify.mjs', import.meta.url));

const CONNECTIONS = 64;
const WARMUP_SECONDS = 2;
const DURATION_SECONDS = parseDuration(process.env.BENCH_DURATION);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/huntkit_bench';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

const MIGRATE_TIMEOUT_MS = 60_000;
const BOOT_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
// Everything above, for both servers, plus slack: a hung child or load run cannot keep the bench alive.
const RUN_BUDGET_MS =
  MIGRATE_TIMEOUT_MS +
  2 * (BOOT_TIMEOUT_MS + (WARMUP_SECONDS + DURATION_SECONDS) * 1000 + STOP_TIMEOUT_MS) +
  15_000;

const children = new Set();

function parseDuration(raw) {
  if (raw === undefined || raw === '') return 10;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 300) {
    console.error(`bench: BENCH_DURATION expects whole seconds from 1 to 300, got "${raw}".`);
    process.exit(2);
  }
  return seconds;
}

function packageVersion(name) {
  return JSON.parse(readFileSync(`${ROOT}node_modules/${name}/package.json`, 'utf8')).version;
}

/** Asks the kernel for a port that is free now; the tiny race before the child binds it is acceptable here. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a Node child from the workspace root. Only the tail of its output is kept, for error messages:
 * the API's stdout carries one JSON log line per request, which is written to /dev/null unless asked for.
 */
function startChild(name, args, env, { keepStdout = false } = {}) {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', keepStdout ? 'pipe' : 'ignore', 'pipe'],
  });
  const proc = { name, child, output: '', exit: undefined };
  const keepTail = (chunk) => {
    proc.output = (proc.output + chunk).slice(-4000);
  };
  child.stdout?.setEncoding('utf8').on('data', keepTail);
  child.stderr.setEncoding('utf8').on('data', keepTail);
  children.add(child);
  proc.closed = new Promise((resolve) => {
    const settle = (exit) => {
      children.delete(child);
      proc.exit ??= exit;
      resolve(proc.exit);
    };
    child.once('error', (error) => settle({ code: null, signal: null, error }));
    child.once('close', (code, signal) => settle({ code, signal }));
  });
  return proc;
}

function describeExit(proc) {
  const { code, signal, error } = proc.exit ?? {};
  const how = error ? error.message : signal ? `signal ${signal}` : `code ${code}`;
  const output = proc.output.trim();
  return `${proc.name} exited (${how})${output ? `:\n${output}` : ''}`;
}

async function runToCompletion(name, args, env, timeoutMs) {
  const proc = startChild(name, args, env, { keepStdout: true });
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), timeoutMs);
  const exit = await proc.closed;
  clearTimeout(timer);
  if (exit.code !== 0) throw new Error(describeExit(proc));
  return proc.output.trim();
}

/** Polls the endpoint until it answers 200, failing fast when the child dies instead. */
async function waitUntilServing(proc, url) {
  const deadline = Date.now() + BOOT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (proc.exit) throw new Error(describeExit(proc));
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return await response.json();
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`${proc.name} did not answer ${url} within ${BOOT_TIMEOUT_MS / 1000} s.`);
}

async function stopChild(proc) {
  if (proc.exit) return;
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await proc.closed;
  clearTimeout(timer);
}

function killAll() {
  for (const child of children) child.kill('SIGKILL');
}

/** Starts one server alone, measures it, and stops it, so the two never compete for the CPU. */
async function measureServer(name, args, env, port) {
  const proc = startChild(name, args, env);
  try {
    const url = `http://127.0.0.1:${port}/api/health`;
    const body = await waitUntilServing(proc, url);
    const result = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: DURATION_SECONDS,
      warmup: { connections: CONNECTIONS, duration: WARMUP_SECONDS },
    });
    // A figure counting errors or non-2xx answers measures something other than the health endpoint.
    const failed = result.errors + result.timeouts + result.non2xx;
    if (failed > 0) {
      throw new Error(
        `${name}: ${failed} failed requests (errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}).`,
      );
    }
    if (proc.exit) throw new Error(describeExit(proc));
    return { name, body, result };
  } finally {
    await stopChild(proc);
  }
}

function sameShape(a, b) {
  const keys = (value) => Object.keys(value).sort().join(',');
  return a?.status === 'ok' && b?.status === 'ok' && keys(a) === keys(b);
}

// autocannon keeps latencies in whole milliseconds, so 0 means under one millisecond.
const formatLatency = (ms) => (ms === 0 ? '<1' : String(ms));

function printReport(runs) {
  const columns = ['server', 'req/s (mean)', 'p50 ms', 'p99 ms', 'requests'];
  const rows = runs.map(({ name, result }) => [
    name,
    result.requests.average.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    formatLatency(result.latency.p50),
    formatLatency(result.latency.p99),
    result.requests.total.toLocaleString('en-US'),
  ]);
  const widths = columns.map((column, i) => Math.max(column.length, ...rows.map((row) => row[i].length)));
  const line = (cells) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(line(columns));
  for (const row of rows) console.log(line(row));
  const [huntkit, bare] = runs;
  const ratio = (huntkit.result.requests.average / bare.result.requests.average) * 100;
  console.log(`\nhuntkit / bare fastify: ${ratio.toFixed(1)} % of the baseline's requests per second`);
}

async function main() {
  for (const file of [API_MAIN, API_CLI]) {
    if (!existsSync(`${ROOT}${file}`)) {
      throw new Error(`${file} is missing: run \`npx nx run api:build\` first.`);
    }
  }
  const cpu = cpus();
  console.log(
    `GET /api/health, ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up then ${DURATION_SECONDS} s measured per server, one server at a time`,
  );
  console.log(
    `huntkit: ${API_MAIN}, NODE_ENV=test, LOG_LEVEL=info (one JSON log line per request, written to /dev/null)`,
  );
  console.log(`bare fastify: fastify ${packageVersion('fastify')}, same JSON body, no plugins or hooks`);
  console.log(
    `node ${process.version}, autocannon ${packageVersion('autocannon')}, ${cpu.length} x ${cpu[0]?.model.trim() ?? 'unknown CPU'} (shared by load generator and server)`,
  );
  // Other work on the machine moves both figures; the load at the start tells a reader how far to trust them.
  console.log(`load average (1 min) at start: ${loadavg()[0].toFixed(2)}\n`);

  const apiPort = await freePort();
  // A fresh secret per run: NODE_ENV=test still insists on 32+ characters, and nothing outlives the run.
  // Only the variables the API reads are passed, so a developer's shell (WEB_DIST_DIR, ...) cannot skew it.
  const apiEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    APP_URL: `http://127.0.0.1:${apiPort}`,
    DATABASE_URL,
    REDIS_URL,
    APP_SECRET: randomBytes(36).toString('base64url'),
    SHUTDOWN_TIMEOUT_MS: '5000',
  };
  // The API connects to its database at boot, and the bench database may not exist yet.
  const migrated = await runToCompletion('migrate', [API_CLI, 'migrate'], apiEnv, MIGRATE_TIMEOUT_MS);
  console.log(`migrate (${DATABASE_URL}): ${migrated.split('\n').pop()}\n`);

  const huntkit = await measureServer('huntkit', [API_MAIN], apiEnv, apiPort);
  const barePort = await freePort();
  const bare = await measureServer(
    'bare fastify',
    [BARE_FASTIFY],
    { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: String(barePort) },
    barePort,
  );
  if (!sameShape(huntkit.body, bare.body)) {
    throw new Error(
      `The two servers answer differently: ${JSON.stringify(huntkit.body)} vs ${JSON.stringify(bare.body)}.`,
    );
  }
  printReport([huntkit, bare]);
}

const watchdog = setTimeout(() => {
  console.error(`bench: gave up after ${Math.round(RUN_BUDGET_MS / 1000)} s; stopping the servers.`);
  killAll();
  process.exit(1);
}, RUN_BUDGET_MS);
watchdog.unref();

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    killAll();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}
// Last resort for any path that exits without stopping its children.
process.once('exit', killAll);

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
    killAll();
    process.exit(1);
  },
);
