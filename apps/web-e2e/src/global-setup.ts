import { Redis } from 'ioredis';
import { E2E_REDIS_URL } from '../playwright.config';

/** The browser suite owns its Redis database index: start it empty, so counters of a previous run never leak in. */
export default async function globalSetup(): Promise<void> {
  const redis = new Redis(E2E_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  await redis.flushdb();
  await redis.quit();
}
