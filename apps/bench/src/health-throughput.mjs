/**
 * Throughput of GET /api/health on the built API next to a bare Fastify server, in one run on one machine.
 *
 * The liveness endpoint does no I/O, so its figure is the fixed cost every Huntkit request pays (NestJS
 * routing, helmet, compression checks, request ids, one JSON log line) against what Fastify alone can do
 * on the same hardware. The ratio is what to compare between runs and machines; absolute req/s depend on
 * the CPU and on autocannon sharing it.
 *
 * Usage: npm run bench (builds the API, then runs every bench), or: node apps/bench/src/health-throughput.mjs
 *   BENCH_DURATION      measured seconds per server (default 10, at most 300)
 *   BENCH_DATABASE_URL  default postgres://postgres@127.0.0.1:5432/huntkit_bench (created and migrated)
 *   BENCH_REDIS_URL     default redis://127.0.0.1:6379
 *
 * Exits 0 whatever the figures are; non-zero only when a server cannot start, a request fails, or the run
 * exceeds its time budget.
 */
import autocannon from 'autocannon';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  API_CLI,
  API_MAIN,
  apiEnvironment,
  assertAllSucceeded,
  assertBuilt,
  BOOT_TIMEOUT_MS,
  describeExit,
  freePort,
  MIGRATE_TIMEOUT_MS,
  packageVersion,
  parseDuration,
  printTable,
  runBench,
  runToCompletion,
  startChild,
  STOP_TIMEOUT_MS,
  stopChild,
  waitUntilServing,
} from './lib/harness.mjs';

const BARE_FASTIFY = fileURLToPath(new URL('./bare-fastify.mjs', import.meta.url));

const CONNECTIONS = 64;
const WARMUP_SECONDS = 2;
const DURATION_SECONDS = parseDuration(process.env.BENCH_DURATION);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/huntkit_bench';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

// Everything above, for both servers, plus slack.
const RUN_BUDGET_MS =
  MIGRATE_TIMEOUT_MS +
  2 * (BOOT_TIMEOUT_MS + (WARMUP_SECONDS + DURATION_SECONDS) * 1000 + STOP_TIMEOUT_MS) +
  15_000;

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
    assertAllSucceeded(name, result);
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

async function main() {
  assertBuilt(API_MAIN, API_CLI);
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
  const apiEnv = apiEnvironment(apiPort, { databaseUrl: DATABASE_URL, redisUrl: REDIS_URL });
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
  printTable([huntkit, bare]);
  const ratio = (huntkit.result.requests.average / bare.result.requests.average) * 100;
  console.log(`\nhuntkit / bare fastify: ${ratio.toFixed(1)} % of the baseline's requests per second`);
}

runBench(main, RUN_BUDGET_MS);
