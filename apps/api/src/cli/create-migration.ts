import { withScratchDatabase } from '@huntkit/api/core';
import { DATABASE_SCHEMA, MIGRATIONS_SOURCE_DIR } from '@huntkit/api/database';
import { readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Rewrites the migrations index so the bundle carries every migration file, oldest first. */
export function writeMigrationsIndex(directory: string): void {
  const names = readdirSync(directory)
    .filter((file) => /^Migration\d+.*\.ts$/.test(file))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();
  const imports = names.map((name) => `import { ${name} } from './${name}';`).join('\n');
  // One key a line: Prettier keeps expanded objects as they are, so long names stay formatted.
  const entries = names.map((name) => `  {\n    name: '${name}',\n    class: ${name},\n  },`).join('\n');
  writeFileSync(
    join(directory, 'index.ts'),
    `// Written by \`npm run db:migration:create\`: the committed migration history, oldest first.\n${imports}\n\nexport const MIGRATIONS = [\n${entries}\n];\n`,
  );
}

/** Diffs the entities against a database built from the committed migrations and writes the difference. */
export async function createMigration(databaseUrl: string, name?: string): Promise<string | null> {
  const directory = resolve(MIGRATIONS_SOURCE_DIR);
  const result = await withScratchDatabase(databaseUrl, DATABASE_SCHEMA, (orm) =>
    orm.migrator.create(directory, false, false, name),
  );
  if (!result.fileName) return null;
  writeMigrationsIndex(directory);
  return join(MIGRATIONS_SOURCE_DIR, result.fileName);
}
