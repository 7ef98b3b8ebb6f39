import type { DatabaseSeed } from '@huntkit/api/core';
import { hashPassword } from './password-hasher';
import { User } from './entities/user.entity';

/** Creates the demo admin once; later runs leave an existing account (and its password) alone. */
export const demoAdminSeed: DatabaseSeed = {
  name: 'demo-admin',
  async run(em, config) {
    const { email, password } = config.demoAdmin;
    if (!password) return 'demo admin skipped (DEMO_ADMIN_PASSWORD is not set)';
    const existing = await em.findOne(User, { email });
    if (existing) return `demo admin ${email} already exists`;
    const admin = em.create(User, {
      email,
      displayName: 'Demo Admin',
      passwordHash: await hashPassword(password),
      roles: ['user', 'admin', 'superadmin'],
      emailVerifiedAt: new Date(),
    });
    await em.persist(admin).flush();
    return `demo admin ${email} created`;
  },
};
