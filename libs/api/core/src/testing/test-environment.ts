import { type EntityClass, type EntityManager, RequestContext } from '@mikro-orm/core';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/app-config';
import { loadConfig } from '../config/load-config';
import type { DatabaseSchema } from '../database/database-schema';
import { migrateDatabase, openOrm, withDatabaseName } from '../database/database-tasks';

const SERVER_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_SERVER_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

function workerId(): number {
  return Number(process.env['JEST_WORKER_ID'] ?? '1');
}

export interface TestEnvironmentOptions {
  /** Names the database, e.g. the library under test, so suites never share tables. */
  label: string;
  /** Full schema: migrated like production. Entities only: tables created straight from them. */
  schema: DatabaseSchema | { entities: EntityClass<object>[] };
  env?: Record<string, string>;
}

/**
 * A fresh database and a private Redis key prefix for one suite in one Jest worker, and the AppConfig
 * that points at them. Suites of different projects run in parallel with the same JEST_WORKER_ID, so
 * isolation comes from the label and the process id, never from a shared Redis database index.
 */
export async function prepareTestEnvironment({
  label,
  schema,
  env = {},
}: TestEnvironmentOptions): Promise<AppConfig> {
  const databaseName = `huntkit_test_${label.replace(/\W/g, '_')}_${workerId()}`;
  const databaseUrl = withDatabaseName(SERVER_URL, databaseName);
  const fullSchema: DatabaseSchema = { migrations: [], seeds: [], ...schema };

  const admin = await openOrm(withDatabaseName(SERVER_URL, 'postgres'), fullSchema);
  try {
    // FORCE: a connection an interrupted earlier run left open must not block the new run.
    await admin.em.getConnection().execute(`drop database if exists "${databaseName}" with (force)`);
  } finally {
    await admin.close(true);
  }
  const orm = await openOrm(databaseUrl, fullSchema);
  try {
    if (fullSchema.migrations.length > 0) {
      await migrateDatabase(orm);
    } else {
      await orm.schema.ensureDatabase();
      await orm.schema.create();
    }
  } finally {
    await orm.close(true);
  }

  const redisPrefix = `test:${label}:${process.pid}`;
  await deleteKeys(REDIS_SERVER_URL, `${redisPrefix}:*`);

  return loadConfig({
    NODE_ENV: 'test',
    APP_URL: 'http://127.0.0.1:3000',
    DATABASE_URL: databaseUrl,
    REDIS_URL: REDIS_SERVER_URL,
    REDIS_PREFIX: redisPrefix,
    APP_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    WORKER_CONCURRENCY: '2',
    ...env,
  });
}

/** Removes the keys a previous run under the same prefix left behind; other keys are untouched. */
async function deleteKeys(redisUrl: string, pattern: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

/**
 * The longest a test waits for a state it expects (a mail, a log line, a run's status). Sized for a slow,
 * busy machine: waits end as soon as the state is there, so a fast machine never waits it out.
 */
export const STATE_WAIT_MS = 60_000;

/** Polls until `probe` returns a value that passes `accept`, or fails after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = STATE_WAIT_MS,
): Promise<T> {
  // performance.now(), not Date: a test may have frozen Date (freezeDate).
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (performance.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Runs service calls the way an HTTP request does: inside a fresh MikroORM request context, so the
 * identity map is not shared between calls (the request-context middleware does this in the API).
 */
export function inRequestContext(em: EntityManager): <T>(work: () => Promise<T>) => Promise<T> {
  return (work) => RequestContext.create(em, work);
}
