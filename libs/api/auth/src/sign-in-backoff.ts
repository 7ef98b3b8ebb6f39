import { APP_CONFIG, type AppConfig, ProblemException, REDIS } from '@huntkit/api/core';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';

/** Failed sign-ins an account absorbs before each further attempt has to wait. */
export const FREE_FAILURES = 5;
const FAILURE_WINDOW_SECONDS = 15 * 60;
const MAX_DELAY_SECONDS = 15 * 60;

/**
 * Slows password guessing against one account, whatever the attacker's IP: after 5 failures in 15
 * minutes, each next attempt must wait 2, 4, 8… seconds (at most 15 minutes). It never locks the
 * account: the owner can still reset the password, which clears the count.
 */
@Injectable()
export class SignInBackoff {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Throws 429 with Retry-After while the account is cooling down. */
  async assertMayTry(email: string): Promise<void> {
    const waitMs = await this.redis.pttl(this.key(email, 'wait'));
    if (waitMs > 0) {
      const retryAfterSeconds = Math.ceil(waitMs / 1000);
      throw new ProblemException(
        HttpStatus.TOO_MANY_REQUESTS,
        'sign_in_backoff',
        `Too many failed attempts. Try again in ${retryAfterSeconds} s, or reset your password.`,
        { retryAfterSeconds },
      );
    }
  }

  async recordFailure(email: string): Promise<void> {
    const failuresKey = this.key(email, 'failures');
    const [[, failures]] = (await this.redis
      .multi()
      .incr(failuresKey)
      .expire(failuresKey, FAILURE_WINDOW_SECONDS)
      .exec()) as [[unknown, number]];
    if (failures > FREE_FAILURES) {
      const delaySeconds = Math.min(2 ** (failures - FREE_FAILURES), MAX_DELAY_SECONDS);
      await this.redis.set(this.key(email, 'wait'), '1', 'EX', delaySeconds);
    }
  }

  /** Wrong passwords for this account in the current window. */
  async failuresOf(email: string): Promise<number> {
    return Number((await this.redis.get(this.key(email, 'failures'))) ?? 0);
  }

  async clear(email: string): Promise<void> {
    await this.redis.del(this.key(email, 'failures'), this.key(email, 'wait'));
  }

  private key(email: string, part: 'failures' | 'wait'): string {
    const account = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
    return `${this.config.redis.prefix}:sign-in-backoff:${part}:${account}`;
  }
}
