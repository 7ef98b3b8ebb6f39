import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * The shared command connection: queue producers, rate-limit counters, caches and publishing use it.
 * It fails fast when Redis is unreachable (one retry, two-second command timeout), so a Redis outage
 * turns into quick 503s instead of requests that hang.
 */
export const REDIS = Symbol('REDIS');

const logger = new Logger('Redis');

export function createRedisClient(url: string, connectionName: string, options: RedisOptions = {}): Redis {
  const client = new Redis(url, {
    maxRetriesPerRequest: 1,
    commandTimeout: 2000,
    connectionName,
    enableReadyCheck: true,
    ...options,
  });
  // Without a listener ioredis prints "Unhandled error event" outside the JSON logs.
  client.on('error', (error: Error) => logger.warn(`${connectionName}: ${error.message}`));
  return client;
}

class RedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    // Queue workers were closed in beforeApplicationShutdown (QueueWorkers), so nothing needs it now.
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
