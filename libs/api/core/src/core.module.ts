import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import type { DatabaseSchema } from './database/database-schema';
import { type ProcessRole, QueuesModule } from './queues/queues.module';
import { RedisModule } from './redis/redis.module';

/** Infrastructure every process needs: config, Postgres, Redis and BullMQ. Imported once by each app. */
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
      ],
      exports: [ConfigModule, RedisModule, QueuesModule],
    };
  }
}
