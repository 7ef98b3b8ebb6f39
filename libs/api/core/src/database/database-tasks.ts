import { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../config/app-config';
import type { DatabaseSchema } from './database-schema';
import { buildOrmOptions } from './orm-options';

export async function openOrm(databaseUrl: string, schema: DatabaseSchema): Promise<MikroORM> {
  return MikroORM.init({ ...buildOrmOptions(databaseUrl, 2, schema) });
}

/** Creates the database when missing and applies every pending migration; returns their names. */
export async function migrateDatabase(orm: MikroORM): Promise<string[]> {
  await orm.schema.ensureDatabase();
  const applied = await orm.migrator.up();
  return applied.map((migration) => migration.name);
}

/** Runs each seed in its own transaction; every seed is safe to run again. */
export async function seedDatabase(
  orm: MikroORM,
  schema: DatabaseSchema,
  config: AppConfig,
): Promise<string[]> {
  const results: string[] = [];
  for (const seed of schema.seeds) {
    results.push(await orm.em.fork().transactional((em) => seed.run(em, config)));
  }
  return results;
}

/** SQL that would bring a freshly migrated database in line with the entities; empty means they agree. */
export async function schemaDrift(orm: MikroORM): Promise<string> {
  return (await orm.schema.getUpdateSchemaSQL({ wrap: false })).trim();
}

/** A database URL with another database name, e.g. for scratch or per-test databases. */
export function withDatabaseName(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function databaseNameOf(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
}

/**
 * Opens a throw-away database migrated from scratch, runs `work`, then drops it. The migration check
 * and migration generation both diff entities against this, never against a developer's own database.
 */
export async function withScratchDatabase<T>(
  databaseUrl: string,
  schema: DatabaseSchema,
  work: (orm: MikroORM) => Promise<T>,
): Promise<T> {
  const name = `${databaseNameOf(databaseUrl)}_scratch_${process.pid}_${Date.now()}`;
  const orm = await openOrm(withDatabaseName(databaseUrl, name), schema);
  try {
    await migrateDatabase(orm);
    return await work(orm);
  } finally {
    await orm.close(true);
    const admin = await openOrm(withDatabaseName(databaseUrl, 'postgres'), schema);
    await admin.schema.dropDatabase(name);
    await admin.close(true);
  }
}
