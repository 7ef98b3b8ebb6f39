import { Redis } from 'ioredis';
import {
  LOCAL_ALLOWANCE_SHARE,
  LOCAL_COUNTING_MIN_LIMIT,
  RedisThrottlerStorage,
} from './redis-throttler.storage';

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

describe('RedisThrottlerStorage on a large limit (counted locally while far under it)', () => {
  const url = `${process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379'}/${Number(process.env['JEST_WORKER_ID'] ?? 1) % 16}`;
  const clients: Redis[] = [];
  /** One API process's limiter: a real Redis client that counts its round trips to the script. */
  const apiProcess = (prefix: string) => {
    const redis = new Redis(url);
    clients.push(redis);
    const counter = { scripts: 0 };
    const send = redis.eval.bind(redis) as (...args: unknown[]) => ReturnType<Redis['eval']>;
    redis.eval = ((...args: unknown[]) => {
      counter.scripts += 1;
      return send(...args);
    }) as Redis['eval'];
    return { redis, counter, storage: new RedisThrottlerStorage(redis, prefix) };
  };

  afterAll(async () => {
    await Promise.all(clients.map((client) => (client.status === 'end' ? undefined : client.quit())));
  });

  it('answers most hits without a round trip, and every hit reaches Redis', async () => {
    const key = `client-${Date.now()}-local`;
    const prefix = `test-rate-limit-local-${process.pid}`;
    const { redis, counter, storage } = apiProcess(prefix);
    const limit = 1000;
    for (let hit = 0; hit < 300; hit++) await storage.increment(key, 60_000, limit, 0, 'default');
    await storage.flush();
    // One round trip to learn the count, then at most one per LOCAL_ALLOWANCE_SHARE of the limit
    // and one per flush: far fewer than one per hit.
    expect(counter.scripts).toBeLessThan(60);
    expect(Number(await redis.get(`${prefix}:rate-limit:default:${key}:hits`))).toBe(300);
    // Past half the limit every hit waits for Redis again.
    const before = counter.scripts;
    for (let hit = 0; hit < 300; hit++) await storage.increment(key, 60_000, limit, 0, 'default');
    expect(counter.scripts - before).toBeGreaterThanOrEqual(100);
  });

  it('admits nothing on a local count once Redis is away: the next hit fails closed', async () => {
    const key = `client-${Date.now()}-away`;
    const { redis, storage } = apiProcess(`test-rate-limit-away-${process.pid}`);
    await storage.increment(key, 60_000, 1000, 0, 'default');
    const ended = new Promise((resolve) => redis.once('end', resolve));
    redis.disconnect();
    await ended;
    await expect(storage.increment(key, 60_000, 1000, 0, 'default')).rejects.toMatchObject({
      code: 'rate_limiter_unavailable',
    });
  });

  it(`lets two processes pass a limit by at most ${LOCAL_ALLOWANCE_SHARE * 100} % of it (one process beyond the first)`, async () => {
    const key = `client-${Date.now()}-two`;
    const prefix = `test-rate-limit-two-${process.pid}`;
    const limit = LOCAL_COUNTING_MIN_LIMIT;
    const [first, second] = [apiProcess(prefix).storage, apiProcess(prefix).storage];
    let admitted = 0;
    // Both processes take hits at once, as a load balancer would spread a client's requests.
    for (let round = 0; round < limit; round++) {
      const answers = await Promise.all(
        [first, second].map((storage) => storage.increment(key, 60_000, limit, 0, 'default')),
      );
      admitted += answers.filter((answer) => !answer.isBlocked).length;
    }
    expect(admitted).toBeGreaterThanOrEqual(limit);
    expect(admitted).toBeLessThanOrEqual(limit * (1 + LOCAL_ALLOWANCE_SHARE));
  });
});
