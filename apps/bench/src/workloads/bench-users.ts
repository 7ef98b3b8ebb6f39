import { User } from '@huntkit/api/users';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';

/** Accounts made straight in the database for a benchmark workload (no sign-up, no mail). */
export async function insertBenchUsers(em: EntityManager, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await em.fork().insertMany(
    User,
    ids.map((id) => ({
      id,
      email: `bench-${id}@example.com`,
      displayName: 'Bench',
      passwordHash: null,
      roles: ['user'],
      timeZone: 'UTC',
      createdAt: new Date(),
      updatedAt: new Date(),
    })),
  );
  return ids;
}
