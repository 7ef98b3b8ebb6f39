import { Redis } from 'ioredis';
import { RedisThrottlerStorage } from './redis-throttler.storage';

describe('RedisThrottlerStorage (real Redis)', () => {
  const redis = new Redis(
    `${process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379'}/${Number(process.env['JEST_WORKER_ID'] ?? 1) % 16}`,
  );
  const storage = new RedisThrottlerStorage(redis, `test-rate-limit-${process.pid}`);

  afterAll(async () => {
    await redis.quit();
  });

  it('counts hits in the window and blocks past the limit', async () => {
    const key = `client-${Date.now()}`;
    const first = await storage.increment(key, 60_000, 2, 0, 'default');
    expect(first).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    expect((await storage.increment(key, 60_000, 2, 0, 'default')).isBlocked).toBe(false);
    const third = await storage.increment(key, 60_000, 2, 0, 'default');
    expect(third).toMatchObject({ totalHits: 3, isBlocked: true });
    expect(third.timeToBlockExpire).toBeGreaterThan(0);
    expect(third.timeToBlockExpire).toBeLessThanOrEqual(60);
  });

  it('keeps separate counts per key and per throttler, and forgets them after the window', async () => {
    const key = `client-${Date.now()}-b`;
    await storage.increment(key, 200, 1, 0, 'default');
    expect((await storage.increment(key, 200, 1, 0, 'strict')).totalHits).toBe(1);
    expect((await storage.increment(`${key}-other`, 200, 1, 0, 'default')).totalHits).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await storage.increment(key, 200, 1, 0, 'default')).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });

  it('answers 503 rather than letting requests through when Redis cannot be reached', async () => {
    const unreachable = new Redis('redis://127.0.0.1:1', {
      maxRetriesPerRequest: 1,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    unreachable.on('error', () => undefined);
    const offline = new RedisThrottlerStorage(unreachable, 'test-offline');
    await expect(offline.increment('client', 60_000, 5, 0, 'default')).rejects.toMatchObject({
      code: 'rate_limiter_unavailable',
    });
    unreachable.disconnect();
  });

  it('never overcounts under concurrent hits', async () => {
    const key = `client-${Date.now()}-c`;
    const results = await Promise.all(
      Array.from({ length: 50 }, () => storage.increment(key, 60_000, 10, 0, 'default')),
    );
    expect(results.map((r) => r.totalHits).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect(results.filter((r) => !r.isBlocked)).toHaveLength(10);
  });
});
