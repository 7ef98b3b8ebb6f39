import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/** The shared command connection: BullMQ queues, rate-limit counters, caches and publishing use it. */
export const REDIS = Symbol('REDIS');

export function createRedisClient(url: string, connectionName: string): Redis {
  // maxRetriesPerRequest null is what BullMQ requires of a connection it shares.
  return new Redis(url, { maxRetriesPerRequest: null, connectionName, enableReadyCheck: true });
}

class RedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    // Runs after every module's onModuleDestroy, so queues and workers have released it by now.
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      useFactory: (config: AppConfig) => createRedisClient(config.redis.url, `huntkit-${process.pid}`),
      inject: [APP_CONFIG],
    },
    RedisLifecycle,
  ],
  exports: [REDIS],
})
export class RedisModule {}
