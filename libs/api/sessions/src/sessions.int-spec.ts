import { CoreModule } from '@huntkit/api/core';
import { freezeDate, prepareTestEnvironment } from '@huntkit/api/core/testing';
import { EntityManager } from '@mikro-orm/postgresql';
import { getQueueToken } from '@nestjs/bullmq';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Job, Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { RefreshToken } from './entities/refresh-token.entity';
import { Session } from './entities/session.entity';
import { SessionsJobsModule, SessionsModule } from './sessions.module';
import {
  ENDED_SESSION_RETENTION_MS,
  PURGE_SESSIONS_JOB,
  SessionsPurgeProcessor,
} from './sessions-purge.processor';
import { hashToken, SessionsService } from './sessions.service';

const schema = { entities: [Session, RefreshToken], migrations: [], seeds: [] };
// The windows are stepped through with a frozen clock (freezeDate), so they can be as long as in production.
const GRACE_MS = 10_000;
const LIFETIME_MS = 60_000;

afterEach(() => jest.useRealTimers());

async function sessionsWith(label: string, lifetimeMs: number): Promise<TestingModule> {
  const config = await prepareTestEnvironment({ label, schema });
  const moduleRef = await Test.createTestingModule({
    imports: [
      CoreModule.forRoot(config, schema, 'api'),
      SessionsModule.forRoot({ lifetimeMs, reuseGraceMs: GRACE_MS }),
    ],
  }).compile();
  return moduleRef.init();
}

describe('sessions and refresh-token rotation (Postgres)', () => {
  let moduleRef: TestingModule;
  let sessions: SessionsService;

  beforeAll(async () => {
    moduleRef = await sessionsWith('sessions', 60_000);
    sessions = moduleRef.get(SessionsService);
  });

  afterAll(async () => {
    await moduleRef?.close();
  });

  it('rotates: each refresh returns a new token that works in turn', async () => {
    const first = await sessions.start(randomUUID(), { ip: '203.0.113.7', userAgent: 'Firefox' });
    const second = await sessions.rotate(first.token);
    expect(second).toMatchObject({ ok: true, issued: { sessionId: first.sessionId } });
    if (!second.ok) throw new Error('rotation failed');
    expect(second.issued.token).not.toBe(first.token);
    const third = await sessions.rotate(second.issued.token);
    expect(third.ok).toBe(true);
    expect(await sessions.isActive(first.sessionId)).toBe(true);
  });

  it('stores only hashes of the tokens', async () => {
    const issued = await sessions.start(randomUUID());
    const em = moduleRef.get(EntityManager).fork();
    const stored = await em.find(RefreshToken, { sessionId: issued.sessionId });
    expect(stored.map((token) => token.tokenHash)).toEqual([hashToken(issued.token)]);
    expect(JSON.stringify(stored)).not.toContain(issued.token);
  });

  it('revokes the whole session when a rotated token is replayed after the grace window', async () => {
    const first = await sessions.start(randomUUID());
    const clock = freezeDate();
    const second = await sessions.rotate(first.token);
    if (!second.ok) throw new Error('rotation failed');
    clock.advance(GRACE_MS + 1);
    await expect(sessions.rotate(first.token)).resolves.toEqual({ ok: false, reason: 'replayed' });
    // The legitimate successor dies with the family: the thief and the owner both have to sign in again.
    await expect(sessions.rotate(second.issued.token)).resolves.toEqual({ ok: false, reason: 'revoked' });
    expect(await sessions.isActive(first.sessionId)).toBe(false);
  });

  it('keeps both tabs signed in when they refresh the same token at once', async () => {
    freezeDate(); // both refreshes land at the same instant, however slow the machine
    const first = await sessions.start(randomUUID());
    const [tabA, tabB] = await Promise.all([sessions.rotate(first.token), sessions.rotate(first.token)]);
    if (!tabA.ok || !tabB.ok) throw new Error(`a parallel refresh failed: ${JSON.stringify([tabA, tabB])}`);
    expect(tabA.issued.token).not.toBe(tabB.issued.token);
    await expect(sessions.rotate(tabA.issued.token)).resolves.toMatchObject({ ok: true });
    await expect(sessions.rotate(tabB.issued.token)).resolves.toMatchObject({ ok: true });
    expect(await sessions.isActive(first.sessionId)).toBe(true);
  });

  it('refuses unknown tokens', async () => {
    await expect(sessions.rotate('not-a-token')).resolves.toEqual({ ok: false, reason: 'unknown' });
  });

  it('ends every other session of a user and keeps the current one', async () => {
    const userId = randomUUID();
    const [current, other, third] = [
      await sessions.start(userId),
      await sessions.start(userId),
      await sessions.start(userId),
    ];
    const bystander = await sessions.start(randomUUID());
    expect(await sessions.revokeAllForUser(userId, 'password_changed', current.sessionId)).toBe(2);
    expect(await sessions.isActive(current.sessionId)).toBe(true);
    expect(await sessions.isActive(other.sessionId)).toBe(false);
    await expect(sessions.rotate(third.token)).resolves.toEqual({ ok: false, reason: 'revoked' });
    expect(await sessions.isActive(bystander.sessionId)).toBe(true);
  });
});

describe('session lifetime', () => {
  it('expires absolutely, however often it was refreshed, and is purged afterwards', async () => {
    const moduleRef = await sessionsWith('sessions_expiry', LIFETIME_MS);
    try {
      const sessions = moduleRef.get(SessionsService);
      const clock = freezeDate();
      const first = await sessions.start(randomUUID());
      const second = await sessions.rotate(first.token);
      if (!second.ok) throw new Error('rotation failed');
      clock.advance(LIFETIME_MS + 1);
      await expect(sessions.rotate(second.issued.token)).resolves.toEqual({ ok: false, reason: 'expired' });
      expect(await sessions.purgeEnded(new Date())).toBe(1);
      const em = moduleRef.get(EntityManager).fork();
      expect(await em.count(RefreshToken, { sessionId: first.sessionId })).toBe(0);
    } finally {
      await moduleRef.close();
    }
  });
});

describe('daily purge on the worker', () => {
  it('is scheduled once per cluster and deletes sessions that ended over a week ago', async () => {
    const config = await prepareTestEnvironment({ label: 'sessions_purge', schema });
    const moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(config, schema, 'worker'), SessionsJobsModule],
    }).compile();
    await moduleRef.init();
    try {
      const queue = moduleRef.get<Queue>(getQueueToken('sessions'));
      expect((await queue.getJobSchedulers()).map((s) => [s.key, s.every])).toEqual([
        ['purge-ended-sessions', 24 * 3600_000],
      ]);
      const em = moduleRef.get(EntityManager).fork();
      const longAgo = new Date(Date.now() - ENDED_SESSION_RETENTION_MS - 60_000);
      const old = em.create(Session, {
        userId: randomUUID(),
        expiresAt: new Date(Date.now() + 60_000),
        revokedAt: longAgo,
        revokeReason: 'signed_out',
      });
      const recent = em.create(Session, {
        userId: randomUUID(),
        expiresAt: new Date(Date.now() + 60_000),
        revokedAt: new Date(),
        revokeReason: 'signed_out',
      });
      await em.persist([old, recent]).flush();
      const processor = moduleRef.get(SessionsPurgeProcessor);
      // The scheduler also runs a purge as soon as it is registered, so either run may be the one that
      // deletes: what matters is that the old session is gone and the recent one stays.
      expect(await processor.process({ name: PURGE_SESSIONS_JOB } as Job)).toEqual({
        deleted: expect.any(Number),
      });
      const remaining = await em.fork().find(Session, { id: [old.id, recent.id] });
      expect(remaining.map((session) => session.id)).toEqual([recent.id]);
    } finally {
      await moduleRef.close();
    }
  });
});
