import { ApiToken } from '@huntkit/api/auth';
import { User } from '@huntkit/api/users';
import type { CookieJar } from './cookie-jar';
import { startSignedInHarness, type SignedInHarness } from './signed-in-harness';

describe('personal API tokens over HTTP', () => {
  let harness: SignedInHarness;

  beforeAll(async () => {
    harness = await startSignedInHarness('api_tokens_e2e');
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function signedIn(email: string): Promise<CookieJar> {
    await harness.createUser(email);
    return harness.signIn(email);
  }

  const createToken = (jar: CookieJar, json: unknown) =>
    harness.call('/api/me/api-tokens', { method: 'POST', jar, csrf: true, json });

  it('mints a token once, lists it without its secret, and accepts it as a Bearer credential', async () => {
    const jar = await signedIn('int@example.com');
    const created = await createToken(jar, {
      name: 'CI pipeline',
      scopes: ['account:read', 'runs:read'],
      expiresInDays: 30,
    });
    expect(created.status).toBe(201);
    const secret = String(created.body['token']);
    expect(secret).toMatch(/^hk_pat_[A-Za-z0-9_-]{43}$/);
    expect(created.body).toMatchObject({
      name: 'CI pipeline',
      scopes: ['account:read', 'runs:read'],
      displayPrefix: secret.slice(0, 11),
      lastUsedAt: null,
      expired: false,
    });
    const expiresInDays = (Date.parse(String(created.body['expiresAt'])) - Date.now()) / (24 * 3600 * 1000);
    expect(expiresInDays).toBeGreaterThan(29.9);
    expect(expiresInDays).toBeLessThanOrEqual(30);

    // No cookies and no CSRF token: the Authorization header is the whole credential.
    const me = await harness.call('/api/me', { bearer: secret });
    expect([me.status, me.body['email']]).toEqual([200, 'int@example.com']);

    const listed = await harness.call('/api/me/api-tokens', { jar });
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(listed.body).toEqual([
      expect.objectContaining({ id: created.body['id'], lastUsedAt: expect.any(String) }),
    ]);
    const stored = await harness.em.fork().findOneOrFail(ApiToken, { id: String(created.body['id']) });
    expect(stored.tokenHash).not.toContain(secret.slice(7));
    expect(stored.lastUsedIp).toMatch(/^198\.51\.100\./);
  });

  it('keeps tokens to the routes their scopes name, and away from account management', async () => {
    const jar = await signedIn('scoped@example.com');
    const runsOnly = String(
      (await createToken(jar, { name: 'runs only', scopes: ['runs:read'] })).body['token'],
    );
    expect((await harness.call('/api/me', { bearer: runsOnly })).body).toMatchObject({
      status: 403,
      code: 'insufficient_scope',
    });
    const full = String(
      (await createToken(jar, { name: 'everything', scopes: ['account:read', 'runs:write'] })).body['token'],
    );
    const mint = await harness.call('/api/me/api-tokens', {
      method: 'POST',
      bearer: full,
      json: { name: 'minted by a token', scopes: ['account:read'] },
    });
    expect(mint.body).toMatchObject({ status: 403, code: 'api_token_not_allowed' });
    expect((await harness.call('/api/me/api-tokens', { bearer: full })).status).toBe(403);
    expect((await harness.call('/api/auth/session', { bearer: full })).body).toEqual({
      user: null,
      refreshable: false,
    });
  });

  it('stops a token at once when it is revoked, expires, or its account is deactivated', async () => {
    const jar = await signedIn('revoke@example.com');
    const mint = async (name: string) => {
      const created = await createToken(jar, { name, scopes: ['account:read'] });
      return { id: String(created.body['id']), secret: String(created.body['token']) };
    };
    const [revoked, expiring, kept] = [await mint('one'), await mint('two'), await mint('three')];

    const revoke = () =>
      harness.call(`/api/me/api-tokens/${revoked.id}`, { method: 'DELETE', jar, csrf: true });
    expect((await revoke()).status).toBe(204);
    expect((await revoke()).status).toBe(204); // a double click is harmless
    expect((await harness.call('/api/me', { bearer: revoked.secret })).status).toBe(401);

    await harness.em
      .fork()
      .nativeUpdate(ApiToken, { id: expiring.id }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await harness.call('/api/me', { bearer: expiring.secret })).status).toBe(401);
    const listed = (await harness.call('/api/me/api-tokens', { jar })).body as unknown as {
      id: string;
      expired: boolean;
    }[];
    expect(listed.map((token) => [token.id, token.expired])).toEqual([
      [kept.id, false],
      [expiring.id, true],
    ]);

    expect((await harness.call('/api/me', { bearer: kept.secret })).status).toBe(200);
    await harness.em
      .fork()
      .nativeUpdate(User, { email: 'revoke@example.com' }, { deactivatedAt: new Date() });
    expect((await harness.call('/api/me', { bearer: kept.secret })).status).toBe(401);
  });

  it("cannot see or revoke another account's tokens", async () => {
    const owner = await signedIn('owner@example.com');
    const other = await signedIn('other@example.com');
    const created = await createToken(owner, { name: 'mine', scopes: ['account:read'] });
    const attempt = await harness.call(`/api/me/api-tokens/${String(created.body['id'])}`, {
      method: 'DELETE',
      jar: other,
      csrf: true,
    });
    expect(attempt.body).toMatchObject({ status: 404, code: 'api_token_not_found' });
    expect((await harness.call('/api/me/api-tokens', { jar: other })).body).toEqual([]);
    expect((await harness.call('/api/me', { bearer: String(created.body['token']) })).status).toBe(200);
  });

  it('answers bad input with field errors and a repeated name with 409, never minting twice', async () => {
    const jar = await signedIn('input@example.com');
    const invalid = await createToken(jar, { name: '  ', scopes: ['root:all'], expiresInDays: 0 });
    expect(invalid.status).toBe(422);
    expect((invalid.body['errors'] as { pointer: string }[]).map((error) => error.pointer).sort()).toEqual([
      '/expiresInDays',
      '/name',
      '/scopes',
    ]);
    expect((await createToken(jar, { name: 'x', scopes: [] })).status).toBe(422);

    // A double-clicked "Create": one token, one clear refusal.
    const both = await Promise.all([
      createToken(jar, { name: 'Laptop', scopes: ['account:read'] }),
      createToken(jar, { name: 'laptop', scopes: ['account:read'] }),
    ]);
    expect(both.map((answer) => answer.status).sort()).toEqual([201, 409]);
    expect(both.find((answer) => answer.status === 409)?.body).toMatchObject({
      code: 'api_token_name_taken',
    });
    expect((await harness.call('/api/me/api-tokens', { jar })).body).toHaveLength(1);
  });

  it('requires the CSRF token when a session cookie creates a token', async () => {
    const jar = await signedIn('csrf@example.com');
    const forged = await harness.call('/api/me/api-tokens', {
      method: 'POST',
      jar,
      json: { name: 'forged', scopes: ['account:read'] },
    });
    expect(forged.body).toMatchObject({ status: 403, code: 'csrf_token_invalid' });
  });

  it('lists the scopes a token can be given, with what each allows', async () => {
    const jar = await signedIn('scopes@example.com');
    const scopes = await harness.call('/api/me/api-token-scopes', { jar });
    expect(scopes.body).toEqual(
      expect.arrayContaining([{ scope: 'account:read', description: expect.stringContaining('profile') }]),
    );
  });
});
