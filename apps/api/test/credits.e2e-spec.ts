import { CreditsService } from '@huntkit/api/credits';
import { User } from '@huntkit/api/users';
import { randomUUID } from 'node:crypto';
import type { CookieJar } from './cookie-jar';
import { type MailedHarness, startMailedHarness } from './mailed-harness';
import type { SignedInHarness } from './signed-in-harness';

describe('credits over HTTP, and the low-credits mail', () => {
  let mailed: MailedHarness;
  let harness: SignedInHarness;
  let admin: CookieJar;

  beforeAll(async () => {
    mailed = await startMailedHarness('credits_e2e', { LOW_CREDITS_THRESHOLD: '10' });
    harness = mailed.harness;
    await harness.createUser('boss@example.com', { roles: ['user', 'admin'] });
    admin = await harness.signIn('boss@example.com');
  });

  afterAll(async () => {
    await mailed?.close();
  });

  /** Credits held for test work, as a tool run holds them (no module owns the kind `test`). */
  const hold = (userId: string, amount: number, id: string = randomUUID()) =>
    harness.api
      .get(CreditsService)
      .hold({ userId, amount, owner: { kind: 'test', id }, deadline: new Date(Date.now() + 3600_000) });

  const grant = (userId: string, amount: number) =>
    harness.call(`/api/admin/users/${userId}/credit-grants`, {
      method: 'POST',
      jar: admin,
      csrf: true,
      json: { amount, reason: 'Credits for the low-credits test', idempotencyKey: randomUUID() },
    });

  it('mails once when a spend takes the lasting credits below the line, never for the daily ones', async () => {
    // A free user spending all of today's credits is not warned: they come back tomorrow.
    const free = await harness.createUser('free-spender@example.com');
    await hold(free.id, 10);

    const user = await harness.createUser('spender@example.com');
    expect((await grant(user.id, 12)).status).toBe(201);
    await hold(user.id, 10); // today's free credits go first
    await hold(user.id, 2); // 12 → 10: still at the line
    const crossing = randomUUID();
    await hold(user.id, 1, crossing); // 10 → 9: below it
    await hold(user.id, 1, crossing); // a retried hold charges and mails nothing more
    await hold(user.id, 1); // 9 → 8: already warned
    const warning = await mailed.mailTo('spender@example.com', 'You have 9 credits left');
    expect(warning.text).toContain('Your 10 free credits still come every day');
    expect(warning.text).toMatch(/\/billing$/m);
    // Optional mail: it carries the one-click unsubscribe header mail clients offer.
    expect(warning.headerLines.map((line) => line.key)).toContain('list-unsubscribe');

    // A top-up lifts the balance over the line again, so the next crossing warns again.
    await grant(user.id, 20); // 8 → 28
    await hold(user.id, 25); // 28 → 3
    await mailed.mailTo('spender@example.com', 'You have 3 credits left');
    expect(mailed.received('spender@example.com')).toHaveLength(2);
    expect(mailed.received('free-spender@example.com')).toHaveLength(0);
  });

  it("shows a new user's 10 free credits, when they reset, and spends them first", async () => {
    const user = await harness.createUser('fresh@example.com', { timeZone: 'Asia/Kolkata' });
    const jar = await harness.signIn('fresh@example.com');
    const balance = await harness.call('/api/credits/balance', { jar });
    expect(balance.status).toBe(200);
    expect(balance.body).toMatchObject({
      total: 10,
      reserved: 0,
      dailyAllowance: 10,
      buckets: [{ kind: 'daily', remaining: 10, granted: 10 }],
    });
    // The reset is the user's own midnight: 18:30 UTC for India.
    expect(String(balance.body['dailyResetsAt'])).toMatch(/T18:30:00\.000Z$/);

    await hold(user.id, 3);
    const ledger = await harness.call('/api/credits/ledger?kind=spend', { jar });
    expect(ledger.body).toMatchObject({
      total: 1,
      page: 1,
      items: [{ kind: 'spend', amount: -3, bucketKind: 'daily' }],
    });
    const usage = (await harness.call('/api/credits/usage?days=7', { jar })).body as unknown as {
      spent: number;
    }[];
    expect(usage).toHaveLength(7);
    expect(usage.at(-1)).toMatchObject({ spent: 3 });
    expect((await harness.call('/api/credits/ledger?pageSize=500&kind=bogus', { jar })).status).toBe(422);
  });

  it('lets an admin grant credits once per idempotency key, with field errors for bad input', async () => {
    const user = await harness.createUser('lucky@example.com');
    const jar = await harness.signIn('lucky@example.com');
    const grant = { amount: 50, reason: 'Bug bounty for reporting a bug', idempotencyKey: randomUUID() };
    const post = (json: unknown, as = admin) =>
      harness.call(`/api/admin/users/${user.id}/credit-grants`, {
        method: 'POST',
        jar: as,
        csrf: true,
        json,
      });

    const [first, second] = await Promise.all([post(grant), post(grant)]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body).toMatchObject({ kind: 'grant', remaining: 50, expiresAt: null });
    expect((await harness.call('/api/credits/balance', { jar })).body).toMatchObject({ total: 60 });
    // One audit row for the one grant, with who did it.
    const audit = await harness.call(`/api/admin/audit?userId=${user.id}&action=credits.granted`, {
      jar: admin,
    });
    expect(audit.body).toMatchObject({
      total: 1,
      items: [
        { action: 'credits.granted', targetUserId: user.id, details: { amount: 50, reason: grant.reason } },
      ],
    });
    expect((await harness.call('/api/admin/audit', { jar })).status).toBe(403);

    const invalid = await post({
      amount: 0,
      reason: '',
      idempotencyKey: 'x',
      expiresAt: '2001-01-01T00:00:00Z',
    });
    expect(invalid.status).toBe(422);
    expect((invalid.body['errors'] as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'amount',
      'idempotencyKey',
      'reason',
    ]);
    const past = await post({ ...grant, idempotencyKey: randomUUID(), expiresAt: '2001-01-01T00:00:00Z' });
    expect(past.body).toMatchObject({ status: 422, errors: [{ field: 'expiresAt' }] });
    expect((await post(grant, jar)).body).toMatchObject({ status: 403, code: 'insufficient_role' });
    const nobody = await harness.call(`/api/admin/users/${randomUUID()}/credit-grants`, {
      method: 'POST',
      jar: admin,
      csrf: true,
      json: { ...grant, idempotencyKey: randomUUID() },
    });
    expect(nobody.body).toMatchObject({ status: 404, code: 'user_not_found' });
  });

  it('opens the balance to API tokens with the credits:read scope only', async () => {
    await harness.createUser('script@example.com');
    const jar = await harness.signIn('script@example.com');
    const mint = async (scopes: string[]) =>
      String(
        (
          await harness.call('/api/me/api-tokens', {
            method: 'POST',
            jar,
            csrf: true,
            json: { name: scopes.join(' '), scopes },
          })
        ).body['token'],
      );
    expect(
      (await harness.call('/api/credits/balance', { bearer: await mint(['credits:read']) })).status,
    ).toBe(200);
    expect((await harness.call('/api/credits/balance', { bearer: await mint(['runs:read']) })).status).toBe(
      403,
    );
    expect((await harness.call('/api/credits/balance')).status).toBe(401);
    await harness.em
      .fork()
      .nativeUpdate(User, { email: 'script@example.com' }, { deactivatedAt: new Date() });
    expect((await harness.call('/api/credits/balance', { jar })).status).toBe(401);
  });
});
