import { User } from '@huntkit/api/users';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CookieJar } from './cookie-jar';
import { PASSWORD, type SignedInHarness, startSignedInHarness } from './signed-in-harness';

describe('sign-in, session cookies and CSRF over HTTP', () => {
  let harness: SignedInHarness;
  let em: EntityManager;
  const call: SignedInHarness['call'] = (...args) => harness.call(...args);
  const createUser: SignedInHarness['createUser'] = (...args) => harness.createUser(...args);
  const signIn: SignedInHarness['signIn'] = (...args) => harness.signIn(...args);

  beforeAll(async () => {
    harness = await startSignedInHarness('auth_e2e');
    em = harness.em;
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('signs in: sets httpOnly __Host- session cookies and a readable CSRF cookie, then /api/me answers', async () => {
    await createUser('ada@example.com');
    const jar = new CookieJar();
    const res = await call('/api/auth/login', {
      method: 'POST',
      json: { email: 'Ada@Example.com', password: PASSWORD },
      jar,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'signed_in',
      user: { email: 'ada@example.com', roles: ['user'], verified: true },
    });
    const setCookies = res.headers.getSetCookie().join('\n');
    expect(setCookies).toMatch(
      /__Host-hk_access=[^;]+;.*HttpOnly.*Secure|__Host-hk_access=[^;]+;.*Secure.*HttpOnly/,
    );
    expect(setCookies).toMatch(/__Host-hk_refresh=[^;]+;[^\n]*HttpOnly/);
    expect(setCookies).toMatch(/XSRF-TOKEN=[^;]+;[^\n]*SameSite=Strict/);
    expect(setCookies).not.toMatch(/XSRF-TOKEN=[^\n]*HttpOnly/);
    const me = await call('/api/me', { jar });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'ada@example.com', displayName: 'ada', timeZone: 'UTC' });
    expect((await call('/api/me')).status).toBe(401);
    expect((await call('/api/auth/session', { jar })).body).toMatchObject({
      user: { email: 'ada@example.com' },
    });
    const anonymous = await call('/api/auth/session');
    expect([anonymous.status, anonymous.body]).toEqual([200, { user: null, refreshable: false }]);
    // A returning visitor whose access cookie lapsed is told a refresh may bring the session back.
    const lapsed = new CookieJar();
    lapsed.store(new Headers({ 'set-cookie': `__Host-hk_refresh=${jar.get('__Host-hk_refresh')}` }));
    expect((await call('/api/auth/session', { jar: lapsed })).body).toEqual({
      user: null,
      refreshable: true,
    });
    const csrf = await call('/api/auth/csrf', { jar: lapsed });
    expect(csrf.status).toBe(200);
    expect((await call('/api/auth/refresh', { method: 'POST', jar: lapsed, csrf: true })).status).toBe(204);
    expect((await call('/api/auth/session', { jar: lapsed })).body).toMatchObject({
      user: { email: 'ada@example.com' },
      refreshable: false,
    });
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    await createUser('bo@example.com');
    const wrong = await call('/api/auth/login', {
      method: 'POST',
      json: { email: 'bo@example.com', password: 'not it at all' },
    });
    const unknown = await call('/api/auth/login', {
      method: 'POST',
      json: { email: 'nobody@example.com', password: 'not it at all' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const { requestId: _a, ...wrongBody } = wrong.body;
    const { requestId: _b, ...unknownBody } = unknown.body;
    expect(wrongBody).toEqual(unknownBody);
  });

  it('tells unverified and deactivated accounts apart only after a correct password', async () => {
    await createUser('cy@example.com', { emailVerifiedAt: null });
    await createUser('di@example.com', { deactivatedAt: new Date() });
    expect(
      (
        await call('/api/auth/login', {
          method: 'POST',
          json: { email: 'cy@example.com', password: 'wrong password' },
        })
      ).body,
    ).toMatchObject({ code: 'invalid_credentials' });
    expect(
      (
        await call('/api/auth/login', {
          method: 'POST',
          json: { email: 'cy@example.com', password: PASSWORD },
        })
      ).body,
    ).toMatchObject({ status: 403, code: 'email_not_verified' });
    expect(
      (
        await call('/api/auth/login', {
          method: 'POST',
          json: { email: 'di@example.com', password: PASSWORD },
        })
      ).body,
    ).toMatchObject({ status: 403, code: 'account_deactivated' });
  });

  it('requires the CSRF token on cookie-authenticated state changes, bound to the session', async () => {
    await createUser('ed@example.com');
    const jar = await signIn('ed@example.com');
    expect((await call('/api/auth/refresh', { method: 'POST', jar: jar.clone() })).body).toMatchObject({
      status: 403,
      code: 'csrf_token_invalid',
    });
    const other = await signIn('ed@example.com');
    const forged = jar.clone();
    forged.store(new Headers({ 'set-cookie': `XSRF-TOKEN=${other.get('XSRF-TOKEN')}` }));
    expect((await call('/api/auth/refresh', { method: 'POST', jar: forged, csrf: true })).status).toBe(403);
    const refreshed = await call('/api/auth/refresh', { method: 'POST', jar, csrf: true });
    expect(refreshed.status).toBe(204);
    expect((await call('/api/me', { jar })).status).toBe(200);
  });

  it('never lets an Authorization header carry cookie credentials past the CSRF check', async () => {
    await createUser('ha@example.com');
    const jar = await signIn('ha@example.com');
    const me = await call('/api/me', { jar, headers: { authorization: 'Bearer not-a-token' } });
    expect(me.status).toBe(401);
    // A copy of the cookies: the response clears the caller's cookies, which must not hide the result.
    const logout = await call('/api/auth/logout', {
      method: 'POST',
      jar: jar.clone(),
      headers: { authorization: 'Bearer x' },
    });
    expect(logout.status).toBe(204);
    // The logout above carried no CSRF token and no real credentials: the session must still be alive.
    expect((await call('/api/me', { jar })).status).toBe(200);
  });

  it('slows guessing against one account from any number of addresses, and lets the owner in after the wait', async () => {
    await createUser('iv@example.com');
    const attempt = (password: string) =>
      call('/api/auth/login', { method: 'POST', json: { email: 'iv@example.com', password } });
    for (let failure = 1; failure <= 6; failure++)
      expect((await attempt(`guess number ${failure}`)).status).toBe(401);
    const cooling = await attempt(PASSWORD);
    expect(cooling.status).toBe(429);
    expect(cooling.body).toMatchObject({ code: 'sign_in_backoff' });
    const retryAfterSeconds = Number(cooling.headers.get('retry-after'));
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
    // The wait is the behaviour under test: as long as the API said, and not a moment less.
    await new Promise((resolve) => setTimeout(resolve, retryAfterSeconds * 1000 + 100));
    expect((await attempt(PASSWORD)).status).toBe(200);
    expect((await attempt('one more guess')).status).toBe(401); // the count started again
  });

  it('refuses cross-site requests by Sec-Fetch-Site and by Origin', async () => {
    const body = { email: 'x@example.com', password: 'whatever password' };
    const fromSite = await call('/api/auth/login', {
      method: 'POST',
      json: body,
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(fromSite.body).toMatchObject({ status: 403, code: 'cross_site_request' });
    const fromOrigin = await call('/api/auth/login', {
      method: 'POST',
      json: body,
      headers: { origin: 'https://evil.example' },
    });
    expect(fromOrigin.body).toMatchObject({ status: 403, code: 'cross_site_request' });
  });

  it('signs out: the session ends at once, even for a copy of its cookies', async () => {
    await createUser('fi@example.com');
    const jar = await signIn('fi@example.com');
    const stolen = jar.clone();
    expect((await call('/api/auth/logout', { method: 'POST', jar, csrf: true })).status).toBe(204);
    expect(jar.get('__Host-hk_access')).toBeUndefined();
    expect((await call('/api/me', { jar: stolen })).status).toBe(401);
    expect((await call('/api/auth/logout', { method: 'POST', jar })).status).toBe(204);
  });

  it("refuses a deactivated user's live session on its next request", async () => {
    const user = await createUser('gu@example.com');
    const jar = await signIn('gu@example.com');
    expect((await call('/api/me', { jar })).status).toBe(200);
    await em.fork().nativeUpdate(User, { id: user.id }, { deactivatedAt: new Date() });
    expect((await call('/api/me', { jar })).status).toBe(401);
    expect((await call('/api/auth/refresh', { method: 'POST', jar, csrf: true })).status).toBe(401);
  });
});
