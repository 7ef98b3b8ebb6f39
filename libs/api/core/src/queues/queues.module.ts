import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { createRedisClient, REDIS } from '../redis/redis.module';
import { JobSchedules } from './job-schedules';
import { QueueWorkers } from './queue-workers';

export type ProcessRole = 'api' | 'worker';

/** Workers block on Redis and must retry forever (BullMQ requires it), so they get their own connection. */
const WORKER_REDIS = Symbol('WORKER_REDIS');

class WorkerRedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(WORKER_REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** BullMQ with retries and bounded job retention by default, under the configured key prefix. */
@Module({})
export class QueuesModule {
  static forRoot(role: ProcessRole): DynamicModule {
    const workerRedis =
      role === 'worker'
        ? [
            {
              provide: WORKER_REDIS,
              useFactory: (config: AppConfig) =>
                createRedisClient(config.redis.url, `huntkit-worker-${process.pid}`, {
                  maxRetriesPerRequest: null,
                  commandTimeout: undefined,
                }),
              inject: [APP_CONFIG],
            },
            WorkerRedisLifecycle,
          ]
        : [];
    return {
      module: QueuesModule,
      // Feature modules keep their schedules through JobSchedules without importing this module.
      global: true,
      imports: [
        DiscoveryModule,
        BullModule.forRootAsync({
          // The API only adds jobs: the shared fail-fast connection makes a Redis outage a quick 503.
          useFactory: (config: AppConfig, redis: Redis, workerConnection?: Redis) => ({
            connection: workerConnection ?? redis,
            prefix: config.redis.prefix,
            defaultJobOptions: {
              attempts: 3,
              backoff: { type: 'exponential', delay: 1000 },
              removeOnComplete: { age: 24 * 3600, count: 1000 },
              removeOnFail: { age: 7 * 24 * 3600 },
            },
          }),
          inject: [APP_CONFIG, REDIS, ...(role === 'worker' ? [WORKER_REDIS] : [])],
          extraProviders: workerRedis,
        }),
      ],
      providers: [QueueWorkers, JobSchedules],
      exports: [BullModule, JobSchedules],
    };
  }
}
