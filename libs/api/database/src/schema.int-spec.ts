import { migrateDatabase, openOrm, schemaDrift, seedDatabase } from '@huntkit/api/core';
import { prepareTestEnvironment } from '@huntkit/api/core/testing';
import { User, verifyPassword } from '@huntkit/api/users';
import { DATABASE_SCHEMA } from './schema';

describe('database schema, migrations and seeds', () => {
  it('migrates from scratch to exactly what the entities describe, and again is a no-op', async () => {
    const config = await prepareTestEnvironment({ label: 'schema', schema: DATABASE_SCHEMA });
    const orm = await openOrm(config.database.url, DATABASE_SCHEMA);
    try {
      await expect(schemaDrift(orm)).resolves.toBe('');
      await expect(migrateDatabase(orm)).resolves.toEqual([]);
    } finally {
      await orm.close(true);
    }
  });

  it('seeds the demo admin once and leaves it alone on re-runs', async () => {
    const config = await prepareTestEnvironment({
      label: 'seeds',
      schema: DATABASE_SCHEMA,
      env: { DEMO_ADMIN_EMAIL: 'Admin@Example.test', DEMO_ADMIN_PASSWORD: 'a demo password for tests' },
    });
    const orm = await openOrm(config.database.url, DATABASE_SCHEMA);
    try {
      expect(await seedDatabase(orm, DATABASE_SCHEMA, config)).toEqual([
        'demo admin admin@example.test created',
      ]);
      expect(await seedDatabase(orm, DATABASE_SCHEMA, config)).toEqual([
        'demo admin admin@example.test already exists',
      ]);
      const admins = await orm.em.fork().find(User, {});
      expect(admins).toHaveLength(1);
      expect(admins[0]?.roles).toEqual(expect.arrayContaining(['admin', 'superadmin']));
      expect(admins[0]?.emailVerifiedAt).toBeInstanceOf(Date);
      await expect(verifyPassword(admins[0]?.passwordHash ?? '', 'a demo password for tests')).resolves.toBe(
        true,
      );
    } finally {
      await orm.close(true);
    }
  });

  it('creates no admin without a configured password', async () => {
    const config = await prepareTestEnvironment({ label: 'seeds_nopw', schema: DATABASE_SCHEMA });
    const orm = await openOrm(config.database.url, DATABASE_SCHEMA);
    try {
      expect(await seedDatabase(orm, DATABASE_SCHEMA, config)).toEqual([expect.stringMatching(/skipped/)]);
      expect(await orm.em.fork().count(User, {})).toBe(0);
    } finally {
      await orm.close(true);
    }
  });
});
