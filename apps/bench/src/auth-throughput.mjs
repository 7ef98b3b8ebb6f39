/**
 * Sign-in, signed-in read and refresh throughput of the built API at 32 connections, each next to a
 * baseline measured in the same run on the same machine:
 *
 *   POST /api/auth/login    vs  argon2id verifications per second with the stored hash's own parameters,
 *                               32 at a time in one process (sign-in is meant to be bound by that hash)
 *   GET /api/me             vs  GET /api/health: what an authenticated read adds (the session look-up,
 *                               the access checks, the rate limiter, the ORM)
 *   POST /api/auth/refresh  vs  GET /api/health on the same API (the fixed cost of any request), so the
 *                               ratio is what token rotation (a locked Postgres transaction) adds
 *
 * Every sign-in is a real one (session, refresh token, login event, active-user count); every refresh
 * presents the token the previous one returned, with its CSRF header, one session per connection.
 * Requests come through the trusted loopback proxy from distinct client addresses, so the per-client
 * limits do not turn the run into a measurement of 429s.
 *
 * Usage: npm run bench, or: node apps/bench/src/auth-throughput.mjs (after `npx nx run api:build`)
 *   BENCH_DURATION, BENCH_DATABASE_URL, BENCH_REDIS_URL as for health-throughput.mjs
 */
import { Algorithm, verify } from '@node-rs/argon2';
import autocannon from 'autocannon';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
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

const CONNECTIONS = 32;
const WARMUP_SECONDS = 2;
const DURATION_SECONDS = parseDuration(process.env.BENCH_DURATION);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/huntkit_bench';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PASSWORD = 'bench tractor velvet 42';
const userEmail = (n) => `bench-user-${n}@example.com`;

const RUN_BUDGET_MS =
  MIGRATE_TIMEOUT_MS +
  BOOT_TIMEOUT_MS +
  STOP_TIMEOUT_MS +
  4 * (WARMUP_SECONDS + DURATION_SECONDS) * 1000 +
  60_000;

/** A new client address for every request: 10.x.y.z through the trusted proxy header. */
let clients = 0;
function nextClient() {
  clients += 1;
  return `10.${(clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}`;
}

function setCookies(headers) {
  const raw = headers['set-cookie'] ?? headers['Set-Cookie'] ?? [];
  const jar = {};
  for (const line of Array.isArray(raw) ? raw : [raw]) {
    const [pair] = line.split(';');
    const index = pair.indexOf('=');
    jar[pair.slice(0, index).trim()] = pair.slice(index + 1);
  }
  return jar;
}

const cookieHeader = (jar) =>
  Object.entries(jar)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');

async function post(baseUrl, path, { json, jar } = {}) {
  const headers = { 'x-forwarded-for': nextClient() };
  if (json) headers['content-type'] = 'application/json';
  if (jar) {
    headers.cookie = cookieHeader(jar);
    headers['x-xsrf-token'] = jar['XSRF-TOKEN'];
  }
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers,
    body: json ? JSON.stringify(json) : undefined,
  });
  await response.arrayBuffer();
  return { status: response.status, jar: setCookies({ 'set-cookie': response.headers.getSetCookie() }) };
}

/** One verified account per connection (created through the API, confirmed in the database). */
async function prepareUsers(baseUrl, db) {
  for (let n = 0; n < CONNECTIONS; n++) {
    const { status } = await post(baseUrl, '/api/auth/register', {
      json: { email: userEmail(n), password: PASSWORD, displayName: `Bench ${n}` },
    });
    if (status !== 202) throw new Error(`registering ${userEmail(n)} answered ${status}`);
  }
  await db.query(
    `update users set email_verified_at = coalesce(email_verified_at, now()) where email like 'bench-user-%@example.com'`,
  );
  const { rows } = await db.query(`select password_hash from users where email = $1`, [userEmail(0)]);
  return rows[0].password_hash;
}

/** The hash's own parameters (so the baseline follows any change to them), e.g. m=19456,t=2,p=1. */
function argon2Parameters(storedHash) {
  const match = /^\$argon2id\$v=\d+\$(m=\d+,t=\d+,p=\d+)\$/.exec(storedHash);
  if (!match) throw new Error(`unexpected password hash format: ${storedHash.slice(0, 30)}…`);
  return match[1];
}

/** Baseline: how many argon2id verifications this machine does per second, 32 in flight. */
async function measureArgon2(storedHash) {
  const run = async (seconds) => {
    const until = Date.now() + seconds * 1000;
    let done = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (Date.now() < until) {
          if (!(await verify(storedHash, PASSWORD, { algorithm: Algorithm.Argon2id })))
            throw new Error('the stored hash does not verify the bench password');
          done += 1;
        }
      }),
    );
    return done;
  };
  await run(WARMUP_SECONDS);
  const total = await run(DURATION_SECONDS);
  const average = total / DURATION_SECONDS;
  return {
    name: 'argon2id verify (baseline)',
    result: { requests: { average, total }, latency: { p50: NaN, p99: NaN } },
  };
}

function load(baseUrl, name, request) {
  return autocannon({
    url: baseUrl,
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
    warmup: { connections: CONNECTIONS, duration: WARMUP_SECONDS },
    requests: [request],
  }).then((result) => {
    assertAllSucceeded(name, result);
    return { name, result };
  });
}

async function main() {
  assertBuilt(API_MAIN, API_CLI);
  const cpu = cpus();
  console.log(
    `sign-in and refresh, ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up then ${DURATION_SECONDS} s measured each, one load at a time`,
  );
  console.log(
    `node ${process.version}, autocannon ${packageVersion('autocannon')}, @node-rs/argon2 ${packageVersion('@node-rs/argon2')}, ${cpu.length} x ${cpu[0]?.model.trim() ?? 'unknown CPU'} (shared by load generator, API, Postgres and Redis)`,
  );
  console.log(`load average (1 min) at start: ${loadavg()[0].toFixed(2)}\n`);

  const port = await freePort();
  const env = apiEnvironment(port, {
    databaseUrl: DATABASE_URL,
    redisUrl: REDIS_URL,
    extra: { TRUST_PROXY: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '100000' },
  });
  await runToCompletion('migrate', [API_CLI, 'migrate'], env, MIGRATE_TIMEOUT_MS);
  const api = startChild('huntkit', [API_MAIN], env);
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilServing(api, `${baseUrl}/api/health`);
    const storedHash = await prepareUsers(baseUrl, db);
    console.log(`argon2id parameters of the stored hashes: ${argon2Parameters(storedHash)}\n`);

    const argon2 = await measureArgon2(storedHash);
    let nextUser = 0;
    const signIn = await load(baseUrl, 'POST /api/auth/login', {
      method: 'POST',
      path: '/api/auth/login',
      setupRequest: (request, context) => {
        context.user ??= nextUser++ % CONNECTIONS;
        request.headers = {
          'content-type': 'application/json',
          'x-forwarded-for': nextClient(),
        };
        request.body = JSON.stringify({ email: userEmail(context.user), password: PASSWORD });
        return request;
      },
    });
    const health = await load(baseUrl, 'GET /api/health (baseline)', {
      method: 'GET',
      path: '/api/health',
    });

    // One signed-in session per connection; each refresh presents the token the last one returned.
    const sessions = [];
    for (let n = 0; n < CONNECTIONS; n++) {
      const { status, jar } = await post(baseUrl, '/api/auth/login', {
        json: { email: userEmail(n), password: PASSWORD },
      });
      if (status !== 200) throw new Error(`signing in ${userEmail(n)} answered ${status}`);
      sessions.push(jar);
    }
    // A signed-in read: session look-up, access checks, the rate limiter and the ORM, no writes. Each
    // connection is one client, as a browser tab is, so the limiter counts it like production does.
    let nextReader = 0;
    const me = await load(baseUrl, 'GET /api/me (signed in)', {
      method: 'GET',
      path: '/api/me',
      setupRequest: (request, context) => {
        context.jar ??= sessions[nextReader++ % sessions.length];
        request.headers = { cookie: cookieHeader(context.jar) };
        return request;
      },
    });
    let nextSession = 0;
    const refresh = await load(baseUrl, 'POST /api/auth/refresh', {
      method: 'POST',
      path: '/api/auth/refresh',
      setupRequest: (request, context) => {
        context.jar ??= sessions[nextSession++ % sessions.length];
        request.headers = {
          cookie: cookieHeader(context.jar),
          'x-xsrf-token': context.jar['XSRF-TOKEN'],
          'x-forwarded-for': nextClient(),
        };
        return request;
      },
      onResponse: (status, _body, context, headers) => {
        if (status === 204) Object.assign(context.jar, setCookies(headers));
      },
    });
    if (api.exit) throw new Error(describeExit(api));

    printTable([signIn, argon2, me, refresh, health], 'load');
    const percent = (a, b) => ((a.result.requests.average / b.result.requests.average) * 100).toFixed(1);
    console.log(
      `\nsign-in / argon2id verify: ${percent(signIn, argon2)} % (how close sign-in runs to its hash)`,
    );
    console.log(`signed-in read / health: ${percent(me, health)} % (what knowing the caller costs)`);
    console.log(`refresh / health: ${percent(refresh, health)} % (what rotating a refresh token costs)`);
  } finally {
    await db.end();
    await stopChild(api);
  }
}

runBench(main, RUN_BUDGET_MS);
