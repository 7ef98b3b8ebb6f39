import { AuditEntry } from '@huntkit/api/audit';
import { LoginEvent } from '@huntkit/api/auth';
import { User } from '@huntkit/api/users';
import { generateSync } from 'otplib';
import { CookieJar } from './cookie-jar';
import { type MailedHarness, startMailedHarness } from './mailed-harness';
import { PASSWORD, type SignedInHarness, startSignedInHarness } from './signed-in-harness';
import { GithubStandIn, LocalOpenIdProvider } from './stand-ins/identity-providers';
import { throughProvider as followProvider } from './stand-ins/provider-flow';

const APP_URL = 'http://127.0.0.1:4398';
const GOOGLE = {
  id: 'huntkit-test-client',
  secret: 'google-test-secret',
  redirectUri: `${APP_URL}/api/auth/google/callback`,
};

describe('sign-in with Google (local OpenID provider) and GitHub (local stand-in), and linking', () => {
  let mailed: MailedHarness;
  let harness: SignedInHarness;
  const google = new LocalOpenIdProvider();
  const github = new GithubStandIn();

  beforeAll(async () => {
    const issuer = await google.start(GOOGLE);
    await github.start('gh-client', 'gh-secret');
    mailed = await startMailedHarness('social_e2e', {
      APP_URL,
      GOOGLE_CLIENT_ID: GOOGLE.id,
      GOOGLE_CLIENT_SECRET: GOOGLE.secret,
      GOOGLE_ISSUER: issuer,
      GITHUB_CLIENT_ID: 'gh-client',
      GITHUB_CLIENT_SECRET: 'gh-secret',
      GITHUB_URL: github.url.web,
      GITHUB_API_URL: github.url.api,
    });
    harness = mailed.harness;
  });

  afterAll(async () => {
    await mailed?.close();
    await google.stop();
    await github.stop();
  });

  /** The notice mail an account gets when a provider is connected to it or removed from it. */
  const methodNotice = (address: string, subject: string) => mailed.mailTo(address, subject);

  const throughProvider = (authorizationUrl: string, jar: CookieJar, tamper?: (callback: URL) => void) =>
    followProvider(harness, APP_URL, authorizationUrl, jar, tamper);

  async function signInWith(
    provider: 'google' | 'github',
    jar = new CookieJar(),
    tamper?: (callback: URL) => void,
  ) {
    const start = await harness.call(`/api/auth/${provider}/start?returnTo=/runs`, {
      jar,
      redirect: 'manual',
    });
    expect(start.status).toBe(302);
    return { jar, ...(await throughProvider(start.headers.get('location') ?? '', jar, tamper)) };
  }

  const me = async (jar: CookieJar) => (await harness.call('/api/me', { jar })).body;
  const audits = (userId: string, action: string) =>
    harness.em.fork().count(AuditEntry, { targetUserId: userId, action });

  it('says which providers are configured, and lets the page load Google One Tap', async () => {
    expect((await harness.call('/api/auth/providers')).headers.get('content-security-policy')).toContain(
      "script-src 'self' https://accounts.google.com/gsi/client;",
    );
    expect((await harness.call('/api/auth/providers')).body).toEqual({
      google: true,
      googleClientId: GOOGLE.id,
      github: true,
      turnstileSiteKey: null,
    });
  });

  it('creates a verified account on a first Google sign-in, and signs the same Google account in to it again', async () => {
    await google.addAccount({
      sub: 'g-ada',
      email: 'Ada@Example.com',
      email_verified: true,
      name: 'Ada Lovelace',
    });
    await google.signInAs('g-ada');
    const first = await signInWith('google');
    expect(first).toMatchObject({ status: 302, location: `${APP_URL}/runs` });
    const created = await me(first.jar);
    expect(created).toMatchObject({ email: 'ada@example.com', displayName: 'Ada Lovelace', verified: true });
    expect(await audits(String(created['id']), 'social.signed_up')).toBe(1);

    const again = await signInWith('google');
    expect((await me(again.jar))['id']).toBe(created['id']);
    expect(await harness.em.fork().count(User, { email: 'ada@example.com' })).toBe(1);
  });

  it('refuses a tampered state, a lost flow cookie and a tampered nonce, and starts no session', async () => {
    await google.addAccount({ sub: 'g-eve', email: 'eve@example.com', email_verified: true });
    await google.signInAs('g-eve');
    const badState = await signInWith('google', new CookieJar(), (callback) =>
      callback.searchParams.set('state', 'forged'),
    );
    expect(badState.location).toBe(`${APP_URL}/sign-in?error=provider_refused`);
    expect((await harness.call('/api/me', { jar: badState.jar })).status).toBe(401);

    const start = await harness.call('/api/auth/google/start', { jar: new CookieJar(), redirect: 'manual' });
    const noCookie = await throughProvider(start.headers.get('location') ?? '', new CookieJar());
    expect(noCookie.location).toBe(`${APP_URL}/sign-in?error=sign_in_expired`);

    await google.tamperNonce(true);
    try {
      const badNonce = await signInWith('google');
      expect(badNonce.location).toBe(`${APP_URL}/sign-in?error=provider_refused`);
      expect((await harness.call('/api/me', { jar: badNonce.jar })).status).toBe(401);
    } finally {
      await google.tamperNonce(false);
    }
    expect(await harness.em.fork().count(User, { email: 'eve@example.com' })).toBe(0);
  });

  it('never lets someone who pre-registered the address keep access when its owner signs in with Google', async () => {
    // The attacker signs up with the victim's address and a password, and cannot verify it.
    const registered = await harness.call('/api/auth/register', {
      method: 'POST',
      json: { email: 'victim@example.com', password: PASSWORD, displayName: 'Not the victim' },
    });
    expect(registered.status).toBe(202);
    const attackersAccount = await harness.em.fork().findOneOrFail(User, { email: 'victim@example.com' });

    await google.addAccount({ sub: 'g-victim', email: 'victim@example.com', email_verified: true });
    await google.signInAs('g-victim');
    const victim = await signInWith('google');
    expect(victim.location).toBe(`${APP_URL}/runs`);
    expect(await me(victim.jar)).toMatchObject({ id: attackersAccount.id, verified: true });

    // The attacker's password is gone with the claim.
    const attacker = await harness.call('/api/auth/login', {
      method: 'POST',
      json: { email: 'victim@example.com', password: PASSWORD },
    });
    expect(attacker.body).toMatchObject({ status: 401, code: 'invalid_credentials' });
    expect(await audits(attackersAccount.id, 'social.account_claimed')).toBe(1);
  });

  it('links a verified password account on a verified Google match, and refuses an unverified Google email', async () => {
    const owner = await harness.createUser('owner@example.com');
    await google.addAccount({ sub: 'g-owner', email: 'owner@example.com', email_verified: true });
    await google.signInAs('g-owner');
    const linked = await signInWith('google');
    expect((await me(linked.jar))['id']).toBe(owner.id);
    expect(await audits(owner.id, 'social.linked')).toBe(1);
    const notice = await methodNotice('owner@example.com', 'Google sign-in was connected to your account');
    expect(notice.text).toContain(`${APP_URL}/account#connected-accounts`);

    await harness.createUser('careful@example.com');
    await google.addAccount({ sub: 'g-unverified', email: 'careful@example.com', email_verified: false });
    await google.signInAs('g-unverified');
    const refused = await signInWith('google');
    expect(refused.location).toBe(`${APP_URL}/sign-in?error=social_email_unverified`);
    expect((await harness.call('/api/me', { jar: refused.jar })).status).toBe(401);
  });

  it('still asks for the second factor after a Google sign-in when MFA is on', async () => {
    await harness.createUser('guarded@example.com');
    const jar = await harness.signIn('guarded@example.com');
    const started = await harness.call('/api/me/mfa/enrollment', { method: 'POST', jar, csrf: true });
    const secret = String(started.body['secret']);
    await harness.call('/api/me/mfa/enrollment/confirm', {
      method: 'POST',
      jar,
      csrf: true,
      json: { code: generateSync({ secret }) },
    });

    await google.addAccount({ sub: 'g-guarded', email: 'guarded@example.com', email_verified: true });
    await google.signInAs('g-guarded');
    const social = await signInWith('google');
    const landed = new URL(social.location);
    expect(landed.pathname).toBe('/sign-in');
    expect(landed.searchParams.get('returnUrl')).toBe('/runs');
    expect((await harness.call('/api/me', { jar: social.jar })).status).toBe(401);

    const second = await harness.call('/api/auth/login/second-factor', {
      method: 'POST',
      jar: social.jar,
      json: {
        challengeId: landed.searchParams.get('challenge'),
        code: generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }),
      },
    });
    expect(second.status).toBe(200);
    const signedIn = await me(social.jar);
    expect(signedIn['email']).toBe('guarded@example.com');
    // The sign-in is recorded as what it was: Google, then the second factor.
    const events = await harness.em
      .fork()
      .find(LoginEvent, { userId: String(signedIn['id']) }, { orderBy: { at: 'desc' } });
    expect(events[0]).toMatchObject({ method: 'google', secondFactor: true });
    expect(events.at(-1)).toMatchObject({ method: 'password', secondFactor: false });

    // One Tap is no way around it either: the credential opens a challenge, not a session.
    const tap = await harness.call('/api/auth/google/one-tap', {
      method: 'POST',
      headers: { cookie: 'g_csrf_token=csrf-guarded' },
      json: {
        credential: await google.idToken({
          sub: 'g-guarded',
          email: 'guarded@example.com',
          email_verified: true,
        }),
        g_csrf_token: 'csrf-guarded',
      },
    });
    expect(tap.body).toMatchObject({
      status: 'second_factor_required',
      challenge: { id: expect.any(String) },
    });
    expect(tap.headers.getSetCookie().some((line) => line.startsWith('__Host-hk_access='))).toBe(false);
  });

  it('signs in with a One Tap credential, and refuses a wrong audience, an expired or forged token, an unverified email and a missing CSRF cookie', async () => {
    const claims = { sub: 'g-tap', email: 'tap@example.com', email_verified: true, name: 'Tap' };
    const oneTap = (credential: string, cookie = 'csrf-value-123', body = 'csrf-value-123') => {
      const jar = new CookieJar();
      return harness.call('/api/auth/google/one-tap', {
        method: 'POST',
        jar,
        headers: cookie ? { cookie: `g_csrf_token=${cookie}` } : {},
        json: { credential, g_csrf_token: body },
      });
    };
    const good = await google.idToken(claims);
    const signedIn = await oneTap(good);
    expect(signedIn.body).toMatchObject({
      status: 'signed_in',
      user: { email: 'tap@example.com', verified: true },
    });
    expect(signedIn.headers.getSetCookie().some((line) => line.startsWith('__Host-hk_access='))).toBe(true);

    const refused = async (credential: string, cookie?: string, body?: string) =>
      (await oneTap(credential, cookie, body)).body;
    expect(await refused(await google.idToken(claims, { audience: 'someone-else' }))).toMatchObject({
      status: 401,
      code: 'one_tap_token_invalid',
    });
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    expect(
      await refused(await google.idToken(claims, { issuedAt: hourAgo, expiresIn: hourAgo + 60 })),
    ).toMatchObject({
      code: 'one_tap_token_invalid',
    });
    const [header, payload] = good.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), sub: 'g-ada' }),
    ).toString('base64url');
    expect(await refused(`${header}.${forgedPayload}.${good.split('.')[2]}`)).toMatchObject({
      code: 'one_tap_token_invalid',
    });
    expect(
      await refused(
        await google.idToken({ sub: 'g-tap-unverified', email: 'tap2@example.com', email_verified: false }),
      ),
    ).toMatchObject({ status: 403, code: 'social_email_unverified' });
    expect(await refused(good, '')).toMatchObject({ status: 403, code: 'one_tap_csrf_failed' });
    expect(await refused(good, 'csrf-value-123', 'another-value')).toMatchObject({
      code: 'one_tap_csrf_failed',
    });
    // The Google id wins over the email: the same sub signs in to the same account.
    expect(
      (await oneTap(await google.idToken({ ...claims, email: 'changed@example.com' }))).body,
    ).toMatchObject({
      user: { email: 'tap@example.com' },
    });
  });

  it('signs in with GitHub, links GitHub from the settings, and refuses to unlink the last way in', async () => {
    github.signInAs({
      id: 501,
      login: 'octo',
      name: null,
      emails: [
        { email: 'octo-old@example.com', primary: false, verified: true },
        { email: 'Octo@Example.com', primary: true, verified: true },
      ],
    });
    const octo = await signInWith('github');
    expect(octo.location).toBe(`${APP_URL}/runs`);
    const account = await me(octo.jar);
    expect(account).toMatchObject({ email: 'octo@example.com', displayName: 'octo', verified: true });

    // GitHub is this account's only way in (it has no password).
    const unlink = (jar: CookieJar, provider: string) =>
      harness.call(`/api/me/connected-accounts/${provider}`, { method: 'DELETE', jar, csrf: true });
    expect((await unlink(octo.jar, 'github')).body).toMatchObject({
      status: 409,
      code: 'last_sign_in_method',
    });

    // A password user links GitHub from Account settings, then can unlink it again.
    const user = await harness.createUser('linker@example.com');
    const jar = await harness.signIn('linker@example.com');
    github.signInAs({
      id: 777,
      login: 'linker-gh',
      name: 'Linker',
      emails: [{ email: 'elsewhere@example.com', primary: true, verified: true }],
    });
    const link = await harness.call('/api/me/connected-accounts/github', { method: 'POST', jar, csrf: true });
    expect(link.status).toBe(200);
    const linked = await throughProvider(String(link.body['authorizationUrl']), jar);
    expect(linked.location).toBe(`${APP_URL}/account?linked=github#connected-accounts`);
    await methodNotice('linker@example.com', 'GitHub sign-in was connected to your account');
    const listed = await harness.call('/api/me/connected-accounts', { jar });
    expect(listed.body).toMatchObject({
      hasPassword: true,
      providers: [
        { provider: 'google', configured: true, linked: false },
        { provider: 'github', configured: true, linked: true, email: 'elsewhere@example.com' },
      ],
    });
    // The linked GitHub account now signs in to this user.
    const viaGithub = await signInWith('github');
    expect((await me(viaGithub.jar))['id']).toBe(user.id);

    // Another Huntkit user cannot link the same GitHub account.
    const thief = await harness.createUser('thief-gh@example.com');
    const thiefJar = await harness.signIn('thief-gh@example.com');
    const stolen = await harness.call('/api/me/connected-accounts/github', {
      method: 'POST',
      jar: thiefJar,
      csrf: true,
    });
    expect((await throughProvider(String(stolen.body['authorizationUrl']), thiefJar)).location).toBe(
      `${APP_URL}/account?link_error=social_account_in_use#connected-accounts`,
    );
    expect(await audits(thief.id, 'social.linked')).toBe(0);

    expect((await unlink(jar, 'github')).status).toBe(204);
    expect((await unlink(jar, 'github')).body).toMatchObject({ status: 404, code: 'provider_not_linked' });
    expect(await audits(user.id, 'social.linked')).toBe(1);
    expect(await audits(user.id, 'social.unlinked')).toBe(1);
    const removed = await methodNotice('linker@example.com', 'GitHub sign-in was removed from your account');
    expect(removed.text).toContain('can no longer sign in');
    // One notice per change: the refused second unlink and the thief's refused link mail nobody.
    expect(mailed.received('linker@example.com')).toHaveLength(2);
    expect(mailed.received('thief-gh@example.com')).toHaveLength(0);
  });
});

describe('social sign-in without credentials', () => {
  let harness: SignedInHarness;

  beforeAll(async () => {
    harness = await startSignedInHarness('social_off_e2e');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('hides the providers, keeps third-party scripts out, and answers a clear problem', async () => {
    const options = await harness.call('/api/auth/providers');
    expect(options.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(options.headers.get('content-security-policy')).not.toContain('frame-src');
    expect((await harness.call('/api/auth/providers')).body).toEqual({
      google: false,
      googleClientId: null,
      github: false,
      turnstileSiteKey: null,
    });
    expect((await harness.call('/api/auth/google/start')).body).toMatchObject({
      status: 503,
      code: 'provider_not_configured',
    });
    expect((await harness.call('/api/auth/facebook/start')).status).toBe(400);
  });
});
