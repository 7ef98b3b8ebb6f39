// The browser suite's stack as one process: Playwright starts it once (its only web server) and the
// tests begin when it prints that everything answers. It
//   1. checks every port it needs before starting anything, naming the service and whoever holds a
//      taken port;
//   2. starts the suite's database and Redis index from empty (the API's start script migrates and
//      seeds), so nothing of an earlier run changes what a test sees;
//   3. starts the services in order, each once the one before answers its ready URL;
//   4. stops them all when it is stopped, or when any of them dies.
//
// What to start comes from playwright.config.ts through E2E_STACK (JSON): { databaseUrl, redisUrl,
// emptyDirs, services: [{ name, command: [...], env, readyUrl, timeoutMs }] }. Every service's port is
// its readyUrl's.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { isListening } from '../../../tools/start/services.mjs';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const { databaseUrl, redisUrl, emptyDirs = [], services } = JSON.parse(process.env.E2E_STACK ?? '{}');
const say = (message) => process.stderr.write(`e2e stack: ${message}\n`);

/** Who is listening on a local port (e.g. 'pid 4242: node dist/apps/api/main.js'), as far as `ss` tells. */
function holderOf(port) {
  const { stdout = '' } = spawnSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const match = /users:\(\("([^"]+)",pid=(\d+)/.exec(stdout);
  if (!match) return 'another program';
  const [, name, pid] = match;
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    return `pid ${pid}: ${command.length > 100 ? `${command.slice(0, 100)}…` : command}`;
  } catch {
    return `pid ${pid}: ${name}`;
  }
}

async function checkPorts() {
  const taken = [];
  for (const service of services) {
    const port = Number(new URL(service.readyUrl).port);
    if (await isListening(port)) taken.push(`  port ${port} (${service.name}) is taken by ${holderOf(port)}`);
  }
  if (taken.length > 0) {
    say(
      `cannot start: ${taken.length === 1 ? 'a port it needs is' : 'ports it needs are'} in use\n${taken.join('\n')}\n` +
        '  Stop what holds them (an earlier run of the suite, or `npm start` on the same port), or move the\n' +
        '  suite with E2E_PORT, E2E_GOOGLE_PORT, E2E_GITHUB_PORT, E2E_TURNSTILE_PORT, E2E_TURNSTILE_APP_PORT.',
    );
    process.exit(1);
  }
}

/**
 * Refuses storage that does not look like the suite's own, since it is about to be emptied: a
 * mistyped E2E_DATABASE_URL or E2E_REDIS_URL must not wipe someone's development data.
 */
function checkStorageIsTheSuites() {
  const database = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const redisIndex = Number(new URL(redisUrl).pathname.slice(1) || 0);
  const problems = [
    ...(/e2e|test|spec/i.test(database)
      ? []
      : [`database '${database}' (the name must contain e2e, test or spec)`]),
    ...(redisIndex > 0 ? [] : ['Redis database 0 (use an index of its own, e.g. redis://127.0.0.1:6379/15)']),
  ];
  if (problems.length > 0) {
    say(`cannot start: it empties its storage first, and will not empty ${problems.join(' or ')}`);
    process.exit(1);
  }
}

async function resetStorage() {
  for (const dir of emptyDirs) rmSync(dir, { recursive: true, force: true });
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  await redis.flushdb(); // the suite owns its Redis database index
  await redis.quit();
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.href });
  await client.connect();
  // FORCE: connections an interrupted earlier run left open do not keep the old database alive.
  try {
    await client.query(`drop database if exists "${name.replace(/"/g, '""')}" with (force)`);
  } finally {
    await client.end();
  }
}

const children = [];
let stopping = false;

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map(
        (child) =>
          new Promise((resolve) => {
            const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(force);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
  );
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stopAll(0));

async function waitUntilReady(service, child) {
  const deadline = Date.now() + (service.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${service.name} exited while starting (its errors are above)`);
    try {
      if ((await fetch(service.readyUrl, { signal: AbortSignal.timeout(5000) })).ok) return;
    } catch {
      // not answering yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${service.name} did not answer ${service.readyUrl} within ${service.timeoutMs ?? 60_000} ms`,
  );
}

function start(service) {
  const [command, ...args] = service.command;
  const child = spawn(command === 'node' ? process.execPath : command, args, {
    cwd: ROOT,
    env: { ...process.env, ...service.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Everything a service writes goes to Playwright's log, so a crash explains itself (start.mjs writes
  // the API's and worker's logs on stdout; the suite runs them at LOG_LEVEL=warn).
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on('line', (line) => say(`[${service.name}] ${line}`));
  child.once('exit', (code, signal) => {
    if (stopping) return;
    say(`${service.name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the stack`);
    void stopAll(1);
  });
  children.push(child);
  return child;
}

try {
  checkStorageIsTheSuites();
  await checkPorts();
  await resetStorage();
  for (const service of services) {
    const started = Date.now();
    await waitUntilReady(service, start(service));
    say(`${service.name} is ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
} catch (error) {
  say(`could not start: ${error.message}`);
  await stopAll(1);
}
