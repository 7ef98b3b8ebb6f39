/**
 * Live terminals: many browsers watching one run. The API's RunStreamHub (one blocking Redis connection
 * per API process, fanning each batch out) next to the design it replaced (a blocking connection and
 * an XREAD per viewer), in one run on the same Redis: the connections each holds, and the time from a
 * line being added to the run's stream to every viewer holding it (p50, p99).
 *
 * Usage: npm run bench, or: node apps/bench/src/live-viewers.mjs (after `npx nx run bench:build`)
 *   BENCH_LIVE_VIEWERS  viewers of the run (default 500)
 *   BENCH_DATABASE_URL, BENCH_REDIS_URL as for health-throughput.mjs
 */
import { cpus, loadavg } from 'node:os';
import { apiEnvironment, assertBuilt, BENCH_CLI, runBench, runToCompletion } from './lib/harness.mjs';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/huntkit_bench';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const VIEWERS = Number(process.env.BENCH_LIVE_VIEWERS ?? 500);
const WORKLOAD_TIMEOUT_MS = 5 * 60_000;

async function main() {
  if (!Number.isInteger(VIEWERS) || VIEWERS < 1 || VIEWERS > 5_000)
    throw new Error(`BENCH_LIVE_VIEWERS expects 1 to 5000, got "${process.env.BENCH_LIVE_VIEWERS}".`);
  assertBuilt(BENCH_CLI);
  const cpu = cpus();
  console.log(`live terminal fan-out, ${VIEWERS} viewers of one run (${BENCH_CLI} live)`);
  console.log(
    `node ${process.version}, ${cpu.length} x ${cpu[0]?.model.trim() ?? 'unknown CPU'} (shared with Redis)`,
  );
  console.log(`load average (1 min) at start: ${loadavg()[0].toFixed(2)}\n`);

  // No server listens and no table is read: the port and database only satisfy the configuration.
  const env = apiEnvironment(3999, { databaseUrl: DATABASE_URL, redisUrl: REDIS_URL });
  const output = await runToCompletion(
    'workload',
    [BENCH_CLI, 'live', String(VIEWERS)],
    env,
    WORKLOAD_TIMEOUT_MS,
  );
  const [before, now] = JSON.parse(output.split('\n').pop());

  const columns = ['design', 'Redis connections', 'p50 ms', 'p99 ms'];
  const rows = [before, now].map((r) => [
    r.name,
    String(r.readerConnections),
    r.p50Ms.toFixed(2),
    r.p99Ms.toFixed(2),
  ]);
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((row) => row[i].length)));
  const line = (cells) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(line(columns));
  for (const row of rows) console.log(line(row));
  console.log(`\nlines added: ${now.lines}, each waited for by all ${VIEWERS} viewers`);
  console.log(`p50 hub / per-viewer connections: ${(now.p50Ms / before.p50Ms).toFixed(2)}`);
  console.log(`p99 hub / per-viewer connections: ${(now.p99Ms / before.p99Ms).toFixed(2)}`);
}

runBench(main, WORKLOAD_TIMEOUT_MS + 30_000);
