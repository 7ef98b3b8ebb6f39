import { ActiveUsers } from '@huntkit/api/auth';
import { freezeDate } from '@huntkit/api/core/testing';
import { CookieJar } from './cookie-jar';
import { startSignedInHarness, type SignedInHarness } from './signed-in-harness';

// The API runs in this process, so the tests step its clock (freezeDate) past the grace window rather
// than sleep through it, and parallel refreshes land at the same instant however slow the machine.
const GRACE_MS = 10_000;

describe('refresh-token rotation over HTTP', () => {
  let harness: SignedInHarness;

  beforeAll(async () => {
    harness = await startSignedInHarness('refresh_e2e', {
      SESSION_REFRESH_GRACE_SECONDS: String(GRACE_MS / 1000),
    });
  });

  afterEach(() => jest.useRealTimers());

  afterAll(async () => {
    await harness?.close();
  });

  const refresh = (jar: CookieJar) => harness.call('/api/auth/refresh', { method: 'POST', jar, csrf: true });

  it('hands out a new refresh token on every refresh', async () => {
    await harness.createUser('rotate@example.com');
    const jar = await harness.signIn('rotate@example.com');
    const first = jar.get('__Host-hk_refresh');
    expect((await refresh(jar)).status).toBe(204);
    const second = jar.get('__Host-hk_refresh');
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect((await harness.call('/api/me', { jar })).status).toBe(200);
  });

  it('counts signed-in users as active for the day and month', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const activeToday = async () =>
      (await harness.api.get(ActiveUsers).series('day', today, today))[0]?.activeUsers ?? 0;
    const before = await activeToday();
    await harness.createUser('active@example.com');
    const jar = await harness.signIn('active@example.com');
    expect(await activeToday()).toBe(before + 1);
    expect((await refresh(jar)).status).toBe(204); // the same user again: still one
    expect(await activeToday()).toBe(before + 1);
  });

  it('ends the whole sign-in when a rotated token is replayed after the grace window', async () => {
    await harness.createUser('replay@example.com');
    const owner = await harness.signIn('replay@example.com');
    const thief = owner.clone();
    const clock = freezeDate();
    expect((await refresh(owner)).status).toBe(204);
    clock.advance(GRACE_MS + 1);

    const replay = await refresh(thief);
    expect(replay.status).toBe(401);
    expect(replay.body).toMatchObject({ code: 'session_ended' });
    // The family is gone: the owner's newer tokens stop working too, for API calls and refreshes.
    expect((await harness.call('/api/me', { jar: owner })).status).toBe(401);
    expect((await refresh(owner)).status).toBe(401);
  });

  it('keeps two tabs signed in when they refresh at the same moment', async () => {
    await harness.createUser('tabs@example.com');
    const firstTab = await harness.signIn('tabs@example.com');
    const secondTab = firstTab.clone();
    const clock = freezeDate();
    const answers = await Promise.all([refresh(firstTab), refresh(secondTab)]);
    expect(answers.map((answer) => answer.status)).toEqual([204, 204]);
    expect(firstTab.get('__Host-hk_refresh')).not.toBe(secondTab.get('__Host-hk_refresh'));

    for (const tab of [firstTab, secondTab]) {
      expect((await harness.call('/api/me', { jar: tab })).status).toBe(200);
    }
    // Each tab's own successor keeps working after the grace window.
    clock.advance(GRACE_MS + 1);
    expect((await refresh(firstTab)).status).toBe(204);
    expect((await refresh(secondTab)).status).toBe(204);
  });

  it('clears the cookies of a refresh that cannot succeed', async () => {
    const jar = new CookieJar();
    jar.store(new Headers({ 'set-cookie': '__Host-hk_refresh=not-a-real-token' }));
    const answer = await harness.call('/api/auth/refresh', { method: 'POST', jar });
    expect(answer.status).toBe(401);
    expect(jar.get('__Host-hk_refresh')).toBeUndefined();
  });
});
