import { MikroOrmModule } from '@mikro-orm/nestjs';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { DatabaseSchema } from './database-schema';
import { buildOrmOptions } from './orm-options';

@Module({})
export class DatabaseModule {
  static forRoot(schema: DatabaseSchema): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        MikroOrmModule.forRootAsync({
          driver: PostgreSqlDriver,
          useFactory: (config: AppConfig) => ({
            ...buildOrmOptions(config.database.url, config.database.poolMax, schema),
            // The HTTP app opens each request's context in a Fastify hook instead (createHttpApp): the
            // Nest middleware this would register runs every request through an Express-style engine.
            registerRequestContext: false,
          }),
          inject: [APP_CONFIG],
        }),
      ],
    };
  }
}
