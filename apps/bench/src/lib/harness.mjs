/**
 * What every Huntkit benchmark needs: child processes that are always cleaned up, free ports, a
 * migrated database, a run budget, and a plain-text table. The figures are printed as ratios against a
 * baseline measured in the same run, never asserted.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const API_MAIN = 'dist/apps/api/main.js';
export const API_CLI = 'dist/apps/api/cli.js';
/** The workloads that run inside the API's own code (apps/bench/src/main.ts), out of the production CLI. */
export const BENCH_CLI = 'dist/apps/bench/main.js';

const BUILT_BY = { [API_MAIN]: 'api', [API_CLI]: 'api', [BENCH_CLI]: 'bench' };

/** Fails before anything starts, naming the build to run, when a file the benchmark needs is not built. */
export function assertBuilt(...files) {
  for (const file of files) {
    if (!existsSync(`${ROOT}${file}`))
      throw new Error(`${file} is missing: run \`npx nx run ${BUILT_BY[file]}:build\` first.`);
  }
}

export const MIGRATE_TIMEOUT_MS = 60_000;
export const BOOT_TIMEOUT_MS = 30_000;
export const STOP_TIMEOUT_MS = 10_000;

const children = new Set();

export function parseDuration(raw) {
  if (raw === undefined || raw === '') return 10;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 300) {
    console.error(`bench: BENCH_DURATION expects whole seconds from 1 to 300, got "${raw}".`);
    process.exit(2);
  }
  return seconds;
}

export function packageVersion(name) {
  return JSON.parse(readFileSync(`${ROOT}node_modules/${name}/package.json`, 'utf8')).version;
}

/** Asks the kernel for a port that is free now; the tiny race before the child binds it is acceptable here. */
export function freePort() {
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
export function startChild(name, args, env, { keepStdout = false } = {}) {
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

export function describeExit(proc) {
  const { code, signal, error } = proc.exit ?? {};
  const how = error ? error.message : signal ? `signal ${signal}` : `code ${code}`;
  const output = proc.output.trim();
  return `${proc.name} exited (${how})${output ? `:\n${output}` : ''}`;
}

export async function runToCompletion(name, args, env, timeoutMs) {
  const proc = startChild(name, args, env, { keepStdout: true });
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), timeoutMs);
  const exit = await proc.closed;
  clearTimeout(timer);
  if (exit.code !== 0) throw new Error(describeExit(proc));
  return proc.output.trim();
}

/** Polls the endpoint until it answers 200, failing fast when the child dies instead. */
export async function waitUntilServing(proc, url) {
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

export async function stopChild(proc) {
  if (proc.exit) return;
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await proc.closed;
  clearTimeout(timer);
}

export function killAll() {
  for (const child of children) child.kill('SIGKILL');
}

/**
 * Runs a benchmark's main with a hard time budget: a hung child or load run cannot keep it alive, and
 * no path leaves a server behind. Exits 0 whatever the figures are.
 */
export function runBench(main, budgetMs) {
  const watchdog = setTimeout(() => {
    console.error(`bench: gave up after ${Math.round(budgetMs / 1000)} s; stopping the servers.`);
    killAll();
    process.exit(1);
  }, budgetMs);
  watchdog.unref();
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      killAll();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
  process.once('exit', killAll);
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
      killAll();
      process.exit(1);
    },
  );
}

// autocannon keeps latencies in whole milliseconds, so 0 means under one millisecond.
const formatLatency = (ms) => (Number.isNaN(ms) ? '–' : ms === 0 ? '<1' : String(ms));

/** Prints one row per measured run: name, mean req/s, p50 and p99 latency, total requests. */
export function printTable(runs, firstColumn = 'server') {
  const columns = [firstColumn, 'req/s (mean)', 'p50 ms', 'p99 ms', 'requests'];
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
}

/** A failed, timed-out or non-2xx request means the figure measures something else: stop the run. */
export function assertAllSucceeded(name, result) {
  const failed = result.errors + result.timeouts + result.non2xx;
  if (failed > 0) {
    throw new Error(
      `${name}: ${failed} failed requests (errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}).`,
    );
  }
}

/** The environment of a bench API: only the variables it reads, a fresh secret, logs to /dev/null. */
export function apiEnvironment(port, { databaseUrl, redisUrl, extra = {} }) {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    APP_SECRET: randomSecret(),
    SHUTDOWN_TIMEOUT_MS: '5000',
    ...extra,
  };
}

function randomSecret() {
  // NODE_ENV=test still insists on 32+ characters; nothing outlives the run.
  return Buffer.from(crypto.getRandomValues(new Uint8Array(36))).toString('base64url');
}
