import { AuditEntry } from '@huntkit/api/audit';
import { Session } from '@huntkit/api/sessions';
import { CookieJar } from './cookie-jar';
import { PASSWORD, startSignedInHarness, type SignedInHarness } from './signed-in-harness';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

interface ListedSession {
  id: string;
  current: boolean;
  device: { label: string };
}

describe('your sessions over HTTP: listing and signing out elsewhere', () => {
  let harness: SignedInHarness;

  beforeAll(async () => {
    harness = await startSignedInHarness('account_sessions_e2e');
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function signInOn(email: string, userAgent: string): Promise<CookieJar> {
    const jar = new CookieJar();
    const answer = await harness.call('/api/auth/login', {
      method: 'POST',
      jar,
      headers: { 'user-agent': userAgent },
      json: { email, password: PASSWORD },
    });
    expect(answer.status).toBe(200);
    return jar;
  }
  const list = async (jar: CookieJar) =>
    (await harness.call('/api/me/sessions', { jar })).body as unknown as ListedSession[];
  const me = async (jar: CookieJar) => (await harness.call('/api/me', { jar })).status;
  const audits = (userId: string) =>
    harness.em.fork().find(AuditEntry, { targetUserId: userId, action: 'sessions.revoked' });

  it('lists every device with this one first, and ends one at once', async () => {
    const user = await harness.createUser('devices@example.com');
    const laptop = await signInOn('devices@example.com', FIREFOX);
    const phone = await signInOn('devices@example.com', IPHONE);

    const seen = await list(laptop);
    expect(seen.map((session) => [session.device.label, session.current])).toEqual([
      ['Firefox 128 on Linux', true],
      ['Safari 17 on iOS', false],
    ]);
    const phoneSession = seen[1] as ListedSession;
    expect(
      (
        await harness.call(`/api/me/sessions/${phoneSession.id}`, {
          method: 'DELETE',
          jar: laptop,
          csrf: true,
        })
      ).status,
    ).toBe(204);
    expect(await me(phone)).toBe(401);
    expect(await me(laptop)).toBe(200);
    // Someone else's session, or one already ended, is not found.
    expect(
      (
        await harness.call(`/api/me/sessions/${phoneSession.id}`, {
          method: 'DELETE',
          jar: laptop,
          csrf: true,
        })
      ).status,
    ).toBe(404);
    expect((await audits(user.id)).map((row) => row.details)).toEqual([
      { scope: 'one', count: 1, sessionId: phoneSession.id },
    ]);
  });

  it('signs out every other session after a recent sign-in, keeping this one; then everywhere', async () => {
    const user = await harness.createUser('elsewhere@example.com');
    const current = await signInOn('elsewhere@example.com', FIREFOX);
    const others = [
      await signInOn('elsewhere@example.com', IPHONE),
      await signInOn('elsewhere@example.com', IPHONE),
    ];

    // An hour after signing in, it needs re-authentication first.
    await harness.em
      .fork()
      .nativeUpdate(Session, { userId: user.id }, { createdAt: new Date(Date.now() - 3600_000) });
    const refused = await harness.call('/api/me/sessions/revoke-others', {
      method: 'POST',
      jar: current,
      csrf: true,
    });
    expect(refused.body).toMatchObject({ status: 403, code: 'reauthentication_required' });
    expect(await me(others[0] as CookieJar)).toBe(200);

    const reauth = await harness.call('/api/auth/reauth', {
      method: 'POST',
      jar: current,
      csrf: true,
      json: { password: PASSWORD },
    });
    expect(reauth.status).toBe(204);
    const ended = await harness.call('/api/me/sessions/revoke-others', {
      method: 'POST',
      jar: current,
      csrf: true,
    });
    expect(ended.body).toEqual({ revoked: 2 });
    for (const other of others) expect(await me(other)).toBe(401);
    expect(await me(current)).toBe(200);
    expect((await list(current)).map((session) => session.current)).toEqual([true]);

    const all = await harness.call('/api/me/sessions/revoke-all', {
      method: 'POST',
      jar: current,
      csrf: true,
    });
    expect(all.body).toEqual({ revoked: 1 });
    expect(
      all.headers
        .getSetCookie()
        .some((cookie) => /^__Host-hk_access=;/.test(cookie) || /Max-Age=0/.test(cookie)),
    ).toBe(true);
    expect(await me(current)).toBe(401);
    expect((await audits(user.id)).map((row) => row.details['scope']).sort()).toEqual(['all', 'others']);
  });

  it('writes the last-seen time at most once a minute', async () => {
    const user = await harness.createUser('seen@example.com');
    const jar = await signInOn('seen@example.com', FIREFOX);
    const longAgo = new Date(Date.now() - 10 * 60_000);
    await harness.em.fork().nativeUpdate(Session, { userId: user.id }, { lastUsedAt: longAgo });
    await me(jar);
    const touched = (await harness.em.fork().findOneOrFail(Session, { userId: user.id })).lastUsedAt;
    expect(touched.getTime()).toBeGreaterThan(longAgo.getTime());
    await me(jar);
    await me(jar);
    expect((await harness.em.fork().findOneOrFail(Session, { userId: user.id })).lastUsedAt).toEqual(touched);
  });

  it('changes the password: other sessions end, this one gets fresh tokens, the old refresh token dies', async () => {
    const user = await harness.createUser('newpass@example.com');
    const current = await signInOn('newpass@example.com', FIREFOX);
    const other = await signInOn('newpass@example.com', IPHONE);
    const oldRefresh = current.clone();

    const weak = await harness.call('/api/me/password', {
      method: 'POST',
      jar: current,
      csrf: true,
      json: { newPassword: 'password' },
    });
    expect(weak.body).toMatchObject({ status: 422, errors: [{ pointer: '/newPassword' }] });
    const same = await harness.call('/api/me/password', {
      method: 'POST',
      jar: current,
      csrf: true,
      json: { newPassword: PASSWORD },
    });
    expect(same.body).toMatchObject({ status: 422, errors: [{ pointer: '/newPassword' }] });

    const changed = await harness.call('/api/me/password', {
      method: 'POST',
      jar: current,
      csrf: true,
      json: { newPassword: 'lantern orchard copper 77' },
    });
    expect(changed.status).toBe(204);
    expect(await me(current)).toBe(200);
    expect(await me(other)).toBe(401);
    // The refresh token from before the change no longer renews anything.
    expect(
      (await harness.call('/api/auth/refresh', { method: 'POST', jar: oldRefresh, csrf: true })).status,
    ).toBe(401);
    expect(
      (await harness.call('/api/auth/refresh', { method: 'POST', jar: current, csrf: true })).status,
    ).toBe(204);
    const signIn = (password: string) =>
      harness.call('/api/auth/login', { method: 'POST', json: { email: 'newpass@example.com', password } });
    expect((await signIn(PASSWORD)).status).toBe(401);
    expect((await signIn('lantern orchard copper 77')).status).toBe(200);
    expect(
      await harness.em.fork().count(AuditEntry, { targetUserId: user.id, action: 'password.changed' }),
    ).toBe(1);
  });

  it('shows each user their own security activity, one row per audited action', async () => {
    const user = await harness.createUser('activity@example.com');
    await harness.createUser('someone-else@example.com');
    const wrong = await harness.call('/api/auth/login', {
      method: 'POST',
      json: { email: 'activity@example.com', password: 'not the password' },
    });
    expect(wrong.status).toBe(401);
    const jar = await signInOn('activity@example.com', FIREFOX);
    const created = await harness.call('/api/me/api-tokens', {
      method: 'POST',
      jar,
      csrf: true,
      json: { name: 'laptop', scopes: ['runs:read'], expiresInDays: 30 },
    });
    expect(created.status).toBe(201);
    const tokenId = String(created.body['id']);
    expect(
      (await harness.call(`/api/me/api-tokens/${tokenId}`, { method: 'DELETE', jar, csrf: true })).status,
    ).toBe(204);
    // Revoking again is harmless and records nothing more.
    await harness.call(`/api/me/api-tokens/${tokenId}`, { method: 'DELETE', jar, csrf: true });
    const other = await signInOn('someone-else@example.com', IPHONE);

    const activity = await harness.call('/api/me/security-activity', { jar });
    const actions = (activity.body['items'] as { action: string }[]).map((item) => item.action);
    expect(actions).toEqual([
      'api_token.revoked',
      'api_token.created',
      'auth.signed_in',
      'auth.sign_in_failed',
    ]);
    const mine = (activity.body['items'] as { targetUserId: string }[]).map((item) => item.targetUserId);
    expect(new Set(mine)).toEqual(new Set([user.id]));
    const theirs = await harness.call('/api/me/security-activity', { jar: other });
    expect((theirs.body['items'] as { action: string }[]).map((item) => item.action)).toEqual([
      'auth.signed_in',
    ]);
  });
});
