import { AuditEntry } from '@huntkit/api/audit';
import { MfaChallenge } from '@huntkit/api/mfa';
import { Session } from '@huntkit/api/sessions';
import { generateSync } from 'otplib';
import { CookieJar } from './cookie-jar';
import { PASSWORD, startSignedInHarness, type SignedInHarness } from './signed-in-harness';

/** The code an authenticator app would show `offsetSteps` 30-second steps from now. */
const codeAt = (secret: string, offsetSteps = 0) =>
  generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

describe('two-factor sign-in and the re-authentication window over HTTP', () => {
  let harness: SignedInHarness;

  beforeAll(async () => {
    harness = await startSignedInHarness('mfa_e2e');
  });

  afterAll(async () => {
    await harness?.close();
  });

  const post = (path: string, jar: CookieJar, json?: unknown) =>
    harness.call(path, { method: 'POST', jar, csrf: true, json });
  const login = (email: string, jar = new CookieJar()) =>
    harness.call('/api/auth/login', { method: 'POST', json: { email, password: PASSWORD }, jar });
  const auditCount = async (userId: string, action: string) =>
    harness.em.fork().count(AuditEntry, { targetUserId: userId, action });

  /** An account with MFA turned on through the API, as the settings page does it. */
  async function enrolled(email: string) {
    const user = await harness.createUser(email);
    const jar = await harness.signIn(email);
    const started = await post('/api/me/mfa/enrollment', jar);
    expect(started.status).toBe(201);
    const secret = String(started.body['secret']);
    const confirmed = await post('/api/me/mfa/enrollment/confirm', jar, { code: codeAt(secret) });
    expect(confirmed.status).toBe(201);
    return { user, jar, secret, backupCodes: confirmed.body['backupCodes'] as string[] };
  }

  it('enrols an authenticator only after a valid code, and shows ten backup codes once', async () => {
    const user = await harness.createUser('enrol@example.com');
    const jar = await harness.signIn('enrol@example.com');
    expect((await harness.call('/api/me/mfa', { jar })).body).toEqual({
      enabled: false,
      enabledAt: null,
      backupCodesLeft: 0,
    });

    const started = await post('/api/me/mfa/enrollment', jar);
    expect(started.body['otpauthUri']).toMatch(
      /^otpauth:\/\/totp\/Huntkit:enrol%40example\.com\?.*issuer=Huntkit/,
    );
    expect(started.body['qrCodeDataUrl']).toMatch(/^data:image\/png;base64,/);
    const secret = String(started.body['secret']);
    expect((await post('/api/me/mfa/enrollment/confirm', jar, { code: '000000' })).body).toMatchObject({
      status: 401,
      code: 'invalid_code',
    });
    expect((await harness.call('/api/me/mfa', { jar })).body).toMatchObject({ enabled: false });

    const confirmed = await post('/api/me/mfa/enrollment/confirm', jar, { code: codeAt(secret) });
    const codes = confirmed.body['backupCodes'] as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect((await harness.call('/api/me/mfa', { jar })).body).toMatchObject({
      enabled: true,
      backupCodesLeft: 10,
    });
    expect(await auditCount(user.id, 'mfa.enabled')).toBe(1);
    // The secret is stored encrypted.
    const [row] = await harness.em
      .fork()
      .execute<
        { secret_ciphertext: string }[]
      >('select secret_ciphertext from mfa_factors where user_id = ?', [user.id]);
    expect(row?.secret_ciphertext).not.toContain(secret);
  });

  it('gives no session before the second factor, and never accepts a code twice', async () => {
    const { secret } = await enrolled('twostep@example.com');
    const jar = new CookieJar();
    const first = await login('twostep@example.com', jar);
    expect(first.body).toMatchObject({
      status: 'second_factor_required',
      challenge: { id: expect.any(String) },
    });
    expect(first.headers.getSetCookie().some((cookie) => cookie.startsWith('__Host-'))).toBe(false);
    expect((await harness.call('/api/me', { jar })).status).toBe(401);

    // The enrolment spent this step's code, so the next step's code is the fresh one.
    const code = codeAt(secret, 1);
    const challengeId = (first.body['challenge'] as { id: string }).id;
    const done = await harness.call('/api/auth/login/second-factor', {
      method: 'POST',
      jar,
      json: { challengeId, code },
    });
    expect(done.body).toMatchObject({ status: 'signed_in', user: { email: 'twostep@example.com' } });
    expect((await harness.call('/api/me', { jar })).status).toBe(200);

    const again = await login('twostep@example.com');
    const replayed = await harness.call('/api/auth/login/second-factor', {
      method: 'POST',
      json: { challengeId: (again.body['challenge'] as { id: string }).id, code },
    });
    expect(replayed.body).toMatchObject({ status: 401, code: 'invalid_code', attemptsLeft: 4 });
  });

  it('takes a backup code once, even when two sign-ins race with it', async () => {
    const { jar, backupCodes } = await enrolled('backup@example.com');
    const challenges = await Promise.all([login('backup@example.com'), login('backup@example.com')]);
    const code = (backupCodes[0] as string).toLowerCase(); // typed in lower case, it still counts
    const answers = await Promise.all(
      challenges.map((challenge) =>
        harness.call('/api/auth/login/second-factor', {
          method: 'POST',
          json: { challengeId: (challenge.body['challenge'] as { id: string }).id, backupCode: code },
        }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
    expect((await harness.call('/api/me/mfa', { jar })).body).toMatchObject({ backupCodesLeft: 9 });
  });

  it('locks a challenge after five wrong codes, however fast they come', async () => {
    const { secret } = await enrolled('burst@example.com');
    const challenge = await login('burst@example.com');
    const challengeId = (challenge.body['challenge'] as { id: string }).id;
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        harness.call('/api/auth/login/second-factor', {
          method: 'POST',
          json: { challengeId, code: String(100000 + index) },
        }),
      ),
    );
    expect(burst.every((answer) => answer.status === 401)).toBe(true);
    expect(burst.filter((answer) => answer.body['code'] === 'invalid_code')).toHaveLength(4);
    const right = await harness.call('/api/auth/login/second-factor', {
      method: 'POST',
      json: { challengeId, code: codeAt(secret, 1) },
    });
    expect(right.body).toMatchObject({ status: 401, code: 'mfa_challenge_ended' });
    expect((await harness.em.fork().findOneOrFail(MfaChallenge, { id: challengeId })).attempts).toBe(5);
  });

  it('asks for re-authentication before sensitive actions once the window has passed', async () => {
    const { user, jar, secret, backupCodes } = await enrolled('reauth@example.com');
    // The sign-in was an hour ago, as far as the window is concerned.
    await harness.em
      .fork()
      .nativeUpdate(Session, { userId: user.id }, { createdAt: new Date(Date.now() - 3600_000) });

    for (const [path, body] of [
      ['/api/me/mfa/backup-codes', undefined],
      ['/api/me/api-tokens', { name: 'ci', scopes: ['runs:read'], expiresInDays: 30 }],
    ] as const) {
      expect((await post(path, jar, body)).body).toMatchObject({
        status: 403,
        code: 'reauthentication_required',
      });
    }
    expect((await harness.call('/api/me/mfa', { method: 'DELETE', jar, csrf: true })).body).toMatchObject({
      code: 'reauthentication_required',
    });

    expect((await post('/api/auth/reauth', jar, { password: 'not my password' })).body).toMatchObject({
      status: 401,
      code: 'reauthentication_failed',
    });
    expect((await post('/api/auth/reauth', jar, {})).status).toBe(422);
    expect((await post('/api/auth/reauth', jar, { code: codeAt(secret, 1) })).status).toBe(204);

    const regenerated = await post('/api/me/mfa/backup-codes', jar);
    expect(regenerated.status).toBe(201);
    expect(regenerated.body['backupCodes']).not.toContain(backupCodes[1]);
    expect(await auditCount(user.id, 'mfa.backup_codes_regenerated')).toBe(1);
    // The old set no longer works.
    const challenge = await login('reauth@example.com');
    const old = await harness.call('/api/auth/login/second-factor', {
      method: 'POST',
      json: { challengeId: (challenge.body['challenge'] as { id: string }).id, backupCode: backupCodes[1] },
    });
    expect(old.body).toMatchObject({ code: 'invalid_code' });

    expect((await harness.call('/api/me/mfa', { method: 'DELETE', jar, csrf: true })).status).toBe(204);
    expect(await auditCount(user.id, 'mfa.disabled')).toBe(1);
    expect((await login('reauth@example.com')).body).toMatchObject({ status: 'signed_in' });
  });
});
