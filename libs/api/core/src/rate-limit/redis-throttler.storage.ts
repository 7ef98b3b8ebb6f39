import { HttpStatus } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import { ProblemException } from '../errors/problem';

/**
 * Counts hits in a fixed window and sets a block once the limit is passed, in one round trip.
 * KEYS: hits key, block key. ARGV: window ms, limit, block ms. Returns hits, window ms left, block ms left.
 */
const INCREMENT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local windowLeft = redis.call('PTTL', KEYS[1])
local blockLeft = redis.call('PTTL', KEYS[2])
if blockLeft <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blockLeft = tonumber(ARGV[3])
end
return { hits, windowLeft, blockLeft }
`;

/** Rate-limit counters in Redis, so every API copy shares them; never kept in process memory. */
export class RedisThrottlerStorage implements ThrottlerStorage {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    const base = `${this.prefix}:rate-limit:${throttlerName}:${key}`;
    let counts: [number, number, number];
    try {
      counts = (await this.redis.eval(
        INCREMENT_SCRIPT,
        2,
        `${base}:hits`,
        `${base}:block`,
        ttl,
        limit,
        blockDuration > 0 ? blockDuration : ttl,
      )) as [number, number, number];
    } catch {
      // Fail closed: without its counters the limiter cannot protect the route, so the route waits.
      throw new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'rate_limiter_unavailable',
        'The service is briefly unavailable; try again shortly.',
      );
    }
    const [hits, windowLeft, blockLeft] = counts;
    const isBlocked = blockLeft > 0;
    return {
      totalHits: hits,
      timeToExpire: Math.max(0, Math.ceil(windowLeft / 1000)),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil(blockLeft / 1000) : 0,
    };
  }
}
