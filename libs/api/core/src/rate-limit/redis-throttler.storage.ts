import { HttpStatus } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import { ProblemException } from '../errors/problem';

/**
 * Adds hits to a fixed window and sets a block once the limit is passed, in one round trip.
 * KEYS: hits key, block key. ARGV: window ms, limit, block ms, hits to add.
 * Returns hits, window ms left, block ms left.
 */
const INCREMENT_SCRIPT = `
local added = tonumber(ARGV[4])
local hits = redis.call('INCRBY', KEYS[1], added)
if hits == added then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local windowLeft = redis.call('PTTL', KEYS[1])
local blockLeft = redis.call('PTTL', KEYS[2])
if blockLeft <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blockLeft = tonumber(ARGV[3])
end
return { hits, windowLeft, blockLeft }
`;

/**
 * Limits this large are counted locally between round trips while the client is far under them;
 * smaller ones (the sign-in and sign-up limits) are always counted exactly in Redis.
 */
export const LOCAL_COUNTING_MIN_LIMIT = 100;
/** Local counting stops once the client has used this share of its limit: from there, every hit is exact. */
const LOCAL_COUNTING_UP_TO = 0.5;
/**
 * What one process may admit before its hits reach Redis: the documented margin by which a cluster can
 * pass a limit is this share of the limit for each API process beyond the first.
 */
export const LOCAL_ALLOWANCE_SHARE = 0.1;
/** How often locally counted hits are added to Redis. */
const FLUSH_EVERY_MS = 50;

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface LocalCount {
  ttl: number;
  limit: number;
  blockMs: number;
  /** The window's hits in Redis, as of this process's last round trip. */
  known: number;
  /** Hits this process admitted and has not added to Redis yet. */
  pending: number;
  windowEndsAt: number;
}

/**
 * Rate-limit counters in Redis, so every API copy shares them. A client far under a large limit is
 * answered from this process's count, which reaches Redis within FLUSH_EVERY_MS; near its limit, or
 * on a small limit, every hit waits for Redis.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly local = new Map<string, LocalCount>();
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const base = `${this.prefix}:rate-limit:${throttlerName}:${key}`;
    const now = Date.now();
    const counted = this.local.get(base);
    if (
      counted &&
      limit >= LOCAL_COUNTING_MIN_LIMIT &&
      // With Redis away the limiter fails closed at once: no hit is admitted on a local count.
      this.redis.status === 'ready' &&
      now < counted.windowEndsAt - FLUSH_EVERY_MS &&
      counted.known + counted.pending + 1 <= limit * LOCAL_COUNTING_UP_TO &&
      counted.pending + 1 <= limit * LOCAL_ALLOWANCE_SHARE
    ) {
      counted.pending += 1;
      this.scheduleFlush();
      return {
        totalHits: counted.known + counted.pending,
        timeToExpire: Math.ceil((counted.windowEndsAt - now) / 1000),
        isBlocked: false,
        timeToBlockExpire: 0,
      };
    }
    const added = 1 + (counted?.pending ?? 0);
    if (counted) counted.pending = 0;
    const blockMs = blockDuration > 0 ? blockDuration : ttl;
    const [hits, windowLeft, blockLeft] = await this.add(base, ttl, limit, blockMs, added);
    if (limit >= LOCAL_COUNTING_MIN_LIMIT)
      this.local.set(base, {
        ttl,
        limit,
        blockMs,
        known: hits,
        pending: this.local.get(base)?.pending ?? 0,
        windowEndsAt: now + windowLeft,
      });
    const isBlocked = blockLeft > 0;
    return {
      totalHits: hits,
      timeToExpire: Math.max(0, Math.ceil(windowLeft / 1000)),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil(blockLeft / 1000) : 0,
    };
  }

  /** Adds every locally counted hit to Redis now (tests and shutdown; a timer does it otherwise). */
  async flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const previous = this.flushing;
    this.flushing = previous.then(() => this.flushPending());
    await this.flushing;
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
    this.flushTimer.unref();
  }

  private async flushPending(): Promise<void> {
    const now = Date.now();
    await Promise.all(
      [...this.local].map(async ([base, counted]) => {
        if (counted.windowEndsAt <= now) return void this.local.delete(base);
        if (counted.pending === 0) return;
        const added = counted.pending;
        counted.pending = 0;
        try {
          const [hits, windowLeft] = await this.add(base, counted.ttl, counted.limit, counted.blockMs, added);
          counted.known = hits;
          counted.windowEndsAt = Date.now() + windowLeft;
        } catch {
          // Redis is away: forget the local count, so this client's next hit waits for Redis (and is
          // refused with 503 while it is down) rather than being admitted on stale numbers.
          this.local.delete(base);
        }
      }),
    );
  }

  private async add(
    base: string,
    ttl: number,
    limit: number,
    blockMs: number,
    added: number,
  ): Promise<[number, number, number]> {
    try {
      return (await this.redis.eval(
        INCREMENT_SCRIPT,
        2,
        `${base}:hits`,
        `${base}:block`,
        ttl,
        limit,
        blockMs,
        added,
      )) as [number, number, number];
    } catch {
      // Fail closed: without its counters the limiter cannot protect the route, so the route waits.
      throw new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'rate_limiter_unavailable',
        'The service is briefly unavailable; try again shortly.',
      );
    }
  }
}
