// The environment `npm start` and the db scripts run the API with: .env values, found or started
// Postgres and Redis, a per-checkout development secret, and the demo admin.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolvePostgres, resolveRedis, STATE_DIR } from './services.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;

/** Reads KEY=value lines of an optional .env file; the real environment wins. */
function loadDotEnv() {
  const file = join(ROOT, '.env');
  if (!existsSync(file)) return;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match && process.env[match[1]] === undefined)
      process.env[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
}

/** A per-checkout development secret, made once and kept in .huntkit (never committed). */
function developmentSecret() {
  const file = join(STATE_DIR, 'app-secret');
  if (!existsSync(file)) {
    mkdirSync(STATE_DIR, { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/** Resolves every variable the processes need; `stopServices` stops what was started here. */
export async function resolveEnvironment(log) {
  loadDotEnv();
  const postgres = await resolvePostgres('huntkit', log);
  let redis;
  try {
    redis = await resolveRedis(log);
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  const port = process.env.PORT ?? '3000';
  const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
  const env = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    PORT: port,
    APP_URL: appUrl,
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    APP_SECRET: process.env.APP_SECRET ?? developmentSecret(),
    WEB_DIST_DIR: process.env.WEB_DIST_DIR ?? join(ROOT, 'dist/apps/web/browser'),
    DEMO_ADMIN_EMAIL: process.env.DEMO_ADMIN_EMAIL ?? 'admin@huntkit.local',
    DEMO_ADMIN_PASSWORD: process.env.DEMO_ADMIN_PASSWORD ?? 'huntkit-demo-admin',
    // A local run is where people try the tools on their own machine and network.
    TOOL_TARGETS_ALLOW_PRIVATE: process.env.TOOL_TARGETS_ALLOW_PRIVATE ?? 'true',
  };
  const stopServices = async () => {
    await redis.stop();
    await postgres.stop();
  };
  return { env, port, appUrl, stopServices };
}
