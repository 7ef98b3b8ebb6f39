import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { Redis } from 'ioredis';
import { REDIS } from '../redis/redis.module';
import { QUEUE_PREFIX } from './queue-names';
import { WorkerConcurrency } from './worker-concurrency';

/** BullMQ on the shared Redis connection, with retries and bounded job retention by default. */
@Module({
  imports: [
    DiscoveryModule,
    BullModule.forRootAsync({
      useFactory: (redis: Redis) => ({
        connection: redis,
        prefix: QUEUE_PREFIX,
        defaultJobOptions: {
          attempts: 3,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: { age: 24 * 3600, count: 1000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      }),
      inject: [REDIS],
    }),
  ],
  providers: [WorkerConcurrency],
  exports: [BullModule],
})
export class QueuesModule {}
