import { AuditEntry } from '@huntkit/api/audit';
import type { CookieJar } from './cookie-jar';
import { PASSWORD, type SignedInHarness, startSignedInHarness } from './signed-in-harness';

describe('admins changing roles and status, each change audited once', () => {
  let harness: SignedInHarness;
  let admin: CookieJar;
  let superadmin: CookieJar;
  let adminId: string;

  beforeAll(async () => {
    harness = await startSignedInHarness('admin_users_e2e');
    adminId = (await harness.createUser('admin@example.com', { roles: ['user', 'admin'] })).id;
    await harness.createUser('root@example.com', { roles: ['user', 'superadmin'] });
    admin = await harness.signIn('admin@example.com');
    superadmin = await harness.signIn('root@example.com');
  });

  afterAll(async () => {
    await harness?.close();
  });

  const patch = (jar: CookieJar, userId: string, json: unknown) =>
    harness.call(`/api/admin/users/${userId}`, { method: 'PATCH', jar, csrf: true, json });
  const rows = (userId: string, action: string) =>
    harness.em.fork().find(AuditEntry, { targetUserId: userId, action });

  it('deactivates an account, which ends its sessions at once, and reactivates it', async () => {
    const user = await harness.createUser('member@example.com');
    const member = await harness.signIn('member@example.com');
    const off = await patch(admin, user.id, { active: false, reason: 'abuse report #12' });
    expect(off.body).toMatchObject({ id: user.id, active: false, roles: ['user'] });
    expect((await harness.call('/api/me', { jar: member })).status).toBe(401);
    const signIn = await harness.call('/api/auth/login', {
      method: 'POST',
      json: { email: 'member@example.com', password: PASSWORD },
    });
    expect(signIn.body).toMatchObject({ status: 403, code: 'account_deactivated' });

    // Asking again changes nothing and writes nothing.
    expect((await patch(admin, user.id, { active: false })).status).toBe(200);
    const deactivated = await rows(user.id, 'user.deactivated');
    expect(deactivated).toHaveLength(1);
    expect(deactivated[0]).toMatchObject({
      actorId: adminId,
      details: { reason: 'abuse report #12', sessionsEnded: 1 },
    });

    expect((await patch(admin, user.id, { active: true })).body).toMatchObject({ active: true });
    expect(await rows(user.id, 'user.reactivated')).toHaveLength(1);
    await harness.signIn('member@example.com');
  });

  it('lets only a superadmin grant admin roles or touch admins, and nobody change themselves', async () => {
    const user = await harness.createUser('promoted@example.com');
    expect((await patch(admin, user.id, { roles: ['admin'] })).body).toMatchObject({
      status: 403,
      code: 'superadmin_required',
    });
    expect((await patch(superadmin, user.id, { roles: ['admin'] })).body).toMatchObject({
      roles: ['user', 'admin'],
    });
    const changed = await rows(user.id, 'user.roles_changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]?.details).toMatchObject({ from: ['user'], to: ['user', 'admin'] });

    expect((await patch(admin, user.id, { active: false })).body).toMatchObject({
      code: 'superadmin_required',
    });
    expect((await patch(admin, adminId, { active: false })).body).toMatchObject({
      status: 409,
      code: 'cannot_change_own_access',
    });
    expect((await patch(admin, user.id, { roles: ['owner'] })).body).toMatchObject({
      status: 422,
      errors: [expect.objectContaining({ field: 'roles' })],
    });
    expect(
      (await patch(admin, '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f', { active: false })).body,
    ).toMatchObject({ status: 404, code: 'user_not_found' });

    const plain = await harness.createUser('plain@example.com');
    const plainJar = await harness.signIn('plain@example.com');
    expect((await patch(plainJar, plain.id, { roles: ['superadmin'] })).status).toBe(403);
    expect(await rows(plain.id, 'user.roles_changed')).toHaveLength(0);
  });
});
