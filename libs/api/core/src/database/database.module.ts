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
            registerRequestContext: true,
          }),
          inject: [APP_CONFIG],
        }),
      ],
    };
  }
}
