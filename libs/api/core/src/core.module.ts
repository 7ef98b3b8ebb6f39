import { type DynamicModule, Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import type { DatabaseSchema } from './database/database-schema';
import { type ProcessRole, QueuesModule } from './queues/queues.module';
import { RedisModule } from './redis/redis.module';

/**
 * Infrastructure every process needs: config, Postgres, Redis, BullMQ and the in-process domain event bus
 * (`@nestjs/event-emitter`). Imported once by each app.
 */
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, schema: DatabaseSchema, role: ProcessRole): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(config),
        RedisModule,
        DatabaseModule.forRoot(schema),
        QueuesModule.forRoot(role),
        // Domain events between feature modules, in this process. A listener's error is logged, never
        // thrown back at the module that emitted; work that must survive a crash goes through BullMQ.
        EventEmitterModule.forRoot(),
      ],
      exports: [ConfigModule, RedisModule, QueuesModule],
    };
  }
}
