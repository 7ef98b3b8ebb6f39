import type { Constructor, EntityClass, EntityManager } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import type { AppConfig } from '../config/app-config';

/** Demo or reference data a feature puts in the database; running it twice must change nothing. */
export interface DatabaseSeed {
  name: string;
  /** Returns a one-line summary of what it did, printed by `npm start` and the CLI. */
  run(em: EntityManager, config: AppConfig): Promise<string>;
}

/** What a process needs to know about the schema: every entity, the migration history, the seeds. */
export interface DatabaseSchema {
  entities: EntityClass<object>[];
  migrations: { name: string; class: Constructor<Migration> }[];
  seeds: DatabaseSeed[];
}
