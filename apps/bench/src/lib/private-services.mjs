/**
 * Private Redis and Postgres servers for the fault scenarios: they get stopped and started, which the
 * machine's shared servers must never be. Each lives in its own temporary folder on a free port and
 * is removed by `destroy()`, or by `destroyAll()` on any way out of the process.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { freePort } from './harness.mjs';

const run = promisify(execFile);
const PG_BIN = process.env.BENCH_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const REDIS_SERVER = process.env.BENCH_REDIS_SERVER ?? '/usr/bin/redis-server';
const START_TIMEOUT_MS = 20_000;

const alive = new Set();

function isListening(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitListening(port, name) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await isListening(port))) {
    if (Date.now() > deadline)
      throw new Error(`${name} did not listen on ${port} within ${START_TIMEOUT_MS} ms`);
    await sleep(25);
  }
}

/**
 * A redis-server that keeps nothing on disk, as the shared one: a restart empties it, the harshest
 * kind of restart (a managed Redis failing over to an empty replica looks the same to the clients).
 */
export async function startPrivateRedis() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'huntkit-faults-redis-'));
  let child = null;
  let exited = Promise.resolve();
  const service = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      child = spawn(
        REDIS_SERVER,
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
        { stdio: 'ignore' },
      );
      exited = new Promise((resolve) => child.once('exit', resolve));
      await waitListening(port, 'redis-server');
    },
    /** SIGKILL, as a crash or a failover: clients see their connections reset at once. */
    async stop() {
      if (!child || child.exitCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
    async destroy() {
      await service.stop();
      service.destroyNow();
    },
    destroyNow() {
      if (child?.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      alive.delete(service);
    },
  };
  alive.add(service);
  await service.start();
  return service;
}

/** `pg_ctl` and friends run as the postgres OS user: initdb and postgres refuse root. */
function asPostgres(command, args) {
  const binary = join(PG_BIN, command);
  return process.getuid?.() === 0
    ? run('runuser', ['-u', 'postgres', '--', binary, ...args])
    : run(binary, args);
}

/** A Postgres 15 cluster of its own (trust auth, socket in its folder), migrated by the caller. */
export async function startPrivatePostgres() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'huntkit-faults-pg-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout), Number(gid));
  }
  const service = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    running: false,
    async start() {
      await asPostgres('pg_ctl', [
        '-D',
        data,
        '-l',
        join(dir, 'server.log'),
        '-w',
        '-t',
        String(START_TIMEOUT_MS / 1000),
        '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`,
        'start',
      ]);
      service.running = true;
    },
    /** `fast` ends every session and shuts down cleanly; `immediate` is a crash (recovery at start). */
    async stop(mode = 'fast') {
      if (!service.running) return;
      await asPostgres('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
      service.running = false;
    },
    async destroy() {
      await service.stop('immediate').catch(() => undefined);
      service.destroyNow();
    },
    destroyNow() {
      if (service.running) {
        const stop = [join(PG_BIN, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop'];
        try {
          if (process.getuid?.() === 0)
            execFileSync('runuser', ['-u', 'postgres', '--', ...stop], { stdio: 'ignore' });
          else execFileSync(stop[0], stop.slice(1), { stdio: 'ignore' });
        } catch {
          // Already stopped.
        }
        service.running = false;
      }
      rmSync(dir, { recursive: true, force: true });
      alive.delete(service);
    },
  };
  alive.add(service);
  await asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  await service.start();
  return service;
}

/** Stops and removes every private server still up; safe to call more than once. */
export async function destroyAll() {
  await Promise.all([...alive].map((service) => service.destroy().catch(() => undefined)));
}

/** The same, synchronously, for a process that is exiting now (a watchdog, a signal). */
export function destroyAllNow() {
  for (const service of [...alive]) service.destroyNow();
}
