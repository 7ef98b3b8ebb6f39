import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import type { DatabaseSchema } from './database-schema';
import { POOL_ACQUIRE_TIMEOUT_MS, releaseDeadConnections } from './pool-guard';

/** The one place MikroORM is configured, shared by the API, the worker, the CLI and the tests. */
/** `log` receives MikroORM's own messages (migrator progress, warnings); by default they are dropped. */
export function buildOrmOptions(
  databaseUrl: string,
  poolMax: number,
  schema: DatabaseSchema,
  log: (message: string) => void = () => undefined,
) {
  return defineConfig({
    driver: PostgreSqlDriver,
    clientUrl: databaseUrl,
    entities: schema.entities,
    // A process or test may load only features without tables (mail, for one).
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    metadataProvider: ReflectMetadataProvider,
    migrations: {
      migrationsList: schema.migrations,
      // Diffs are taken against a database migrated from scratch, never against a snapshot file.
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      emit: 'ts',
    },
    pool: { min: 0, max: poolMax },
    driverOptions: {
      connectionTimeoutMillis: POOL_ACQUIRE_TIMEOUT_MS,
      onPoolCreated: releaseDeadConnections,
    },
    forceUtcTimezone: true,
    ensureDatabase: false,
    allowGlobalContext: false,
    debug: false,
    logger: log,
  });
}
