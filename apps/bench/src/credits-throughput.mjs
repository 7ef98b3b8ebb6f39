/**
 * Credit reservations per second, in one run next to a baseline: reserving 1 credit for one user under
 * 64 concurrent clients (every reservation queues on that user's row lock) and for many users at once
 * (locks spread out), against empty transactions through the same connection pool. Every account is
 * asked for more than it holds, so the "oversold" column shows any reservation the ledger let through
 * beyond the balance: it must be 0.
 *
 * Usage: npm run bench, or: node apps/bench/src/credits-throughput.mjs (after `npx nx run api:build` and
 *   `npx nx run bench:build`)
 *   BENCH_CREDIT_USERS  accounts in the spread-out run (default 1000)
 *   BENCH_DATABASE_URL, BENCH_REDIS_URL as for health-throughput.mjs
 */
import { cpus, loadavg } from 'node:os';
import {
  API_CLI,
  apiEnvironment,
  assertBuilt,
  BENCH_CLI,
  MIGRATE_TIMEOUT_MS,
  runBench,
  runToCompletion,
} from './lib/harness.mjs';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/huntkit_bench';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const USERS = Number(process.env.BENCH_CREDIT_USERS ?? 1000);
const WORKLOAD_TIMEOUT_MS = 10 * 60_000;

async function main() {
  if (!Number.isInteger(USERS) || USERS < 1 || USERS > 100_000) {
    throw new Error(`BENCH_CREDIT_USERS expects 1 to 100000, got "${process.env.BENCH_CREDIT_USERS}".`);
  }
  assertBuilt(API_CLI, BENCH_CLI);
  const cpu = cpus();
  console.log(`credit reservations, 64 concurrent clients, in the API's own code (${BENCH_CLI} credits)`);
  console.log(
    `node ${process.version}, ${cpu.length} x ${cpu[0]?.model.trim() ?? 'unknown CPU'} (shared with Postgres)`,
  );
  console.log(`load average (1 min) at start: ${loadavg()[0].toFixed(2)}\n`);

  // No server listens: the port only satisfies the configuration.
  const env = apiEnvironment(3999, { databaseUrl: DATABASE_URL, redisUrl: REDIS_URL });
  await runToCompletion('migrate', [API_CLI, 'migrate'], env, MIGRATE_TIMEOUT_MS);
  const output = await runToCompletion(
    'workload',
    [BENCH_CLI, 'credits', String(USERS)],
    env,
    WORKLOAD_TIMEOUT_MS,
  );
  const results = JSON.parse(output.split('\n').pop());

  const columns = ['workload', 'ops/s', 'operations', 'succeeded', 'oversold'];
  const rows = results.map((r) => [
    r.name,
    r.perSecond.toLocaleString('en-US', { maximumFractionDigits: 1 }),
    r.operations.toLocaleString('en-US'),
    r.succeeded.toLocaleString('en-US'),
    r.oversold === undefined ? '–' : String(r.oversold),
  ]);
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((row) => row[i].length)));
  const line = (cells) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(line(columns));
  for (const row of rows) console.log(line(row));
  const [baseline, one, many] = results;
  const percent = (r) => ((r.perSecond / baseline.perSecond) * 100).toFixed(1);
  console.log(`\none user / empty transactions: ${percent(one)} %`);
  console.log(`${USERS} users / empty transactions: ${percent(many)} %`);
  const oversold = one.oversold + many.oversold;
  console.log(
    `oversold in total: ${oversold}${oversold === 0 ? ' (as it must be)' : ' (A BUG: the ledger let a reservation through beyond the balance)'}`,
  );
}

runBench(main, MIGRATE_TIMEOUT_MS + WORKLOAD_TIMEOUT_MS + 30_000);
