import { APP_CONFIG, type AppConfig, REDIS } from '@huntkit/api/core';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';

/** Mail to one address, per purpose: 1 a minute, 5 an hour, however many IPs ask. */
const LIMITS = [
  { window: 'minute', seconds: 60, max: 1 },
  { window: 'hour', seconds: 3600, max: 5 },
] as const;

/** Limits on mails sent to an address (verification, reset), on top of the per-IP route limits. */
@Injectable()
export class AddressLimits {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async allow(purpose: string, email: string): Promise<boolean> {
    const address = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
    const counts = await Promise.all(
      LIMITS.map(async ({ window, seconds }) => {
        const key = `${this.config.redis.prefix}:${purpose}:${window}:${address}`;
        const [[, count]] = (await this.redis.multi().incr(key).expire(key, seconds, 'NX').exec()) as [
          [unknown, number],
        ];
        return count;
      }),
    );
    return counts.every((count, index) => count <= (LIMITS[index]?.max ?? 0));
  }
}
