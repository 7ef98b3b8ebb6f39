import type { DatabaseSchema } from '@huntkit/api/core';
import { WorkerProbe } from '@huntkit/api/health';
import { demoAdminSeed, User } from '@huntkit/api/users';
import { MIGRATIONS } from './migrations';

/** The whole schema in one place: every process and the migration tooling load exactly this. */
export const DATABASE_SCHEMA: DatabaseSchema = {
  entities: [User, WorkerProbe],
  migrations: MIGRATIONS,
  seeds: [demoAdminSeed],
};
