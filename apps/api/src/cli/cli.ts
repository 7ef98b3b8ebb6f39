import 'reflect-metadata';
import {
  loadConfigOrExit,
  migrateDatabase,
  openOrm,
  schemaDrift,
  seedDatabase,
  withScratchDatabase,
} from '@huntkit/api/core';
import { DATABASE_SCHEMA } from '@huntkit/api/database';
import { createMigration } from './create-migration';
import { checkCredits, sweepCredits } from './credits-commands';
import { writeAccessMatrix, writeOpenApiSpec } from './openapi-spec';

const USAGE = `Usage: node dist/apps/api/cli.js <command>
  migrate                  create the database if needed and apply pending migrations
  seed                     add demo data (safe to run again)
  migration:check          fail when the entities and the committed migrations disagree
  migration:create [name]  write a migration for what the entities changed
  openapi <file>           write the OpenAPI spec without starting a server
  access-matrix <spec> <file>
                           write the access matrix (Markdown) of an OpenAPI spec's x-access policies
  credits:check [--user <id>]…
                           check the credit invariants (held = cost of queued and running work,
                           ledger = buckets); prints any drift and exits 1 when there is some
  credits:sweep            give back credit holds a crash left behind, now (the worker does it on a schedule)`;

async function run(command: string, args: string[]): Promise<number> {
  switch (command) {
    case 'openapi':
      await writeOpenApiSpec(args[0] ?? 'libs/web/api-client/openapi.json');
      return 0;
    case 'access-matrix':
      writeAccessMatrix(args[0] ?? 'libs/web/api-client/openapi.json', args[1] ?? 'docs/access-matrix.md');
      return 0;
    case 'migrate': {
      const orm = await openOrm(loadConfigOrExit().database.url, DATABASE_SCHEMA);
      try {
        const applied = await migrateDatabase(orm);
        console.log(
          applied.length
            ? `applied ${applied.length} migration(s): ${applied.join(', ')}`
            : 'database is up to date',
        );
      } finally {
        await orm.close(true);
      }
      return 0;
    }
    case 'seed': {
      const config = loadConfigOrExit();
      const orm = await openOrm(config.database.url, DATABASE_SCHEMA);
      try {
        for (const line of await seedDatabase(orm, DATABASE_SCHEMA, config)) console.log(line);
      } finally {
        await orm.close(true);
      }
      return 0;
    }
    case 'migration:check': {
      const drift = await withScratchDatabase(loadConfigOrExit().database.url, DATABASE_SCHEMA, schemaDrift);
      if (!drift) {
        console.log('migrations match the entities');
        return 0;
      }
      console.error(
        `The entities and the migrations disagree. Run \`npm run db:migration:create\`. Missing SQL:\n${drift}`,
      );
      return 1;
    }
    case 'migration:create': {
      const file = await createMigration(loadConfigOrExit().database.url, args[0]);
      console.log(file ? `wrote ${file}` : 'no changes: the migrations already match the entities');
      return 0;
    }
    case 'credits:check':
      return checkCredits(loadConfigOrExit(), args);
    case 'credits:sweep':
      return sweepCredits(loadConfigOrExit());
    default:
      console.error(USAGE);
      return 2;
  }
}

run(process.argv[2] ?? '', process.argv.slice(3)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
