import { NotificationPreference } from '@huntkit/api/notifications';
import { AuditEntry } from '@huntkit/api/audit';
import { CoreModule } from '@huntkit/api/core';
import { prepareTestEnvironment } from '@huntkit/api/core/testing';
import { User } from '@huntkit/api/users';
import { EntityManager } from '@mikro-orm/postgresql';
import { getQueueToken } from '@nestjs/bullmq';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import {
  CREDIT_ENTITIES,
  CreditsJobsModule,
  CreditsModule,
  EXPIRE_CREDITS_JOB,
  SWEEP_CREDIT_HOLDS_JOB,
} from './credits.module';
import { CreditsService } from './credits.service';
import { CreditBucket } from './entities/credit-bucket.entity';

const schema = {
  entities: [User, NotificationPreference, AuditEntry, ...CREDIT_ENTITIES],
  migrations: [],
  seeds: [],
};
const at = (iso: string) => new Date(iso);

describe('credit ledger (Postgres)', () => {
  let moduleRef: TestingModule;
  let credits: CreditsService;
  let em: EntityManager;

  beforeAll(async () => {
    const config = await prepareTestEnvironment({ label: 'credits', schema });
    moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(config, schema, 'api'), CreditsModule],
    }).compile();
    await moduleRef.init();
    credits = moduleRef.get(CreditsService);
    em = moduleRef.get(EntityManager);
  });

  afterAll(async () => {
    await moduleRef?.close();
  });

  async function newUser(timeZone = 'UTC'): Promise<string> {
    const fork = em.fork();
    const user = fork.create(User, {
      email: `${randomUUID()}@example.com`,
      displayName: 'Credit User',
      passwordHash: null,
      timeZone,
    });
    await fork.persist(user).flush();
    return user.id;
  }

  /** A hold for test work: no module owns the kind, so only its deadline matters to the sweeper. */
  const owner = (id: string) => ({ kind: 'test', id });
  const hold = (userId: string, amount: number, id: string, now: Date) =>
    credits.hold({ userId, amount, owner: owner(id), deadline: now }, now);

  /** The invariant behind "never lost or doubled": the ledger sums to what the buckets hold. */
  async function expectLedgerMatchesBuckets(userId: string): Promise<void> {
    const [row] = await em.fork().execute<{ ledger: string; buckets: string }[]>(
      `select (select coalesce(sum(amount), 0) from credit_ledger where user_id = ?) as ledger,
              (select coalesce(sum(remaining), 0) from credit_buckets where user_id = ?) as buckets`,
      [userId, userId],
    );
    expect(Number(row?.ledger)).toBe(Number(row?.buckets));
  }

  it('lets exactly 10 of 50 concurrent 1-credit reservations through for a user with 10 credits', async () => {
    const userId = await newUser();
    const now = at('2026-05-05T10:00:00Z');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => hold(userId, 1, `${userId}:${i}`, now)),
    );
    const succeeded = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(succeeded).toHaveLength(10);
    const refusals = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(refusals.every((r) => (r.reason as { code?: string }).code === 'insufficient_credits')).toBe(true);
    expect((await credits.balance(userId, now)).total).toBe(0);
    await expectLedgerMatchesBuckets(userId);
  });

  it('spends daily credits first, then Pro, then packs and grants by earliest expiry', async () => {
    const userId = await newUser();
    const now = at('2026-05-05T10:00:00Z');
    await credits.grant(
      userId,
      { kind: 'topup', amount: 100, expiresAt: null, source: `checkout:${userId}` },
      now,
    );
    await credits.grant(
      userId,
      { kind: 'pro', amount: 100, expiresAt: at('2026-06-01T00:00:00Z'), source: `invoice:${userId}` },
      now,
    );
    await hold(userId, 15, `${userId}:a`, now);
    const balance = await credits.balance(userId, now);
    expect(balance.buckets.map((b) => [b.kind, b.remaining])).toEqual([
      ['pro', 95],
      ['topup', 100],
    ]);
    expect(balance).toMatchObject({ total: 195, reserved: 15, dailyAllowance: 10 });
    await expectLedgerMatchesBuckets(userId);
  });

  it("resets the free credits at each user's own midnight, without rollover", async () => {
    const tokyo = await newUser('Asia/Tokyo');
    const newYork = await newUser('America/New_York');
    // 14:00 UTC on 5 May is 23:00 in Tokyo and 10:00 in New York.
    const evening = at('2026-05-05T14:00:00Z');
    for (const userId of [tokyo, newYork]) await hold(userId, 3, `${userId}:day1`, evening);
    expect((await credits.balance(tokyo, evening)).total).toBe(7);

    // Two hours later it is a new day in Tokyo, still the same day in New York.
    const later = at('2026-05-05T16:00:00Z');
    const tokyoLater = await credits.balance(tokyo, later);
    expect(tokyoLater.total).toBe(10); // a fresh 10, not 17: yesterday's 7 did not roll over
    expect(tokyoLater.dailyResetsAt.toISOString()).toBe('2026-05-06T15:00:00.000Z');
    expect((await credits.balance(newYork, later)).total).toBe(7);
    expect((await credits.balance(newYork, later)).dailyResetsAt.toISOString()).toBe(
      '2026-05-06T04:00:00.000Z',
    );

    // The sweep writes off what expired, once; running it again changes nothing.
    await credits.expireDue(later);
    const written = await em.fork().count(CreditBucket, { userId: tokyo, remaining: 0 });
    await credits.expireDue(later);
    expect(await em.fork().count(CreditBucket, { userId: tokyo, remaining: 0 })).toBe(written);
    const expiries = await em
      .fork()
      .execute<
        { n: string }[]
      >(`select count(*) as n from credit_ledger where user_id = ? and kind = 'expiry'`, [tokyo]);
    expect(Number(expiries[0]?.n)).toBe(1);
    for (const userId of [tokyo, newYork]) await expectLedgerMatchesBuckets(userId);
  });

  it('lets Pro credits lapse at the end of their period', async () => {
    const userId = await newUser();
    const start = at('2026-05-01T00:00:00Z');
    const periodEnd = at('2026-06-01T00:00:00Z');
    await credits.grant(
      userId,
      { kind: 'pro', amount: 100, expiresAt: periodEnd, source: `invoice:${userId}:1` },
      start,
    );
    expect((await credits.balance(userId, at('2026-05-31T23:59:00Z'))).buckets.map((b) => b.kind)).toContain(
      'pro',
    );
    const after = await credits.balance(userId, at('2026-06-01T00:00:01Z'));
    expect(after.buckets.map((b) => b.kind)).not.toContain('pro');
    await expect(hold(userId, 11, `${userId}:big`, at('2026-06-01T00:00:01Z'))).rejects.toMatchObject({
      code: 'insufficient_credits',
    });
    await credits.expireDue(at('2026-06-01T00:00:01Z'));
    await expectLedgerMatchesBuckets(userId);
  });

  it('makes holds, settle, release and grants idempotent', async () => {
    const userId = await newUser();
    const now = at('2026-05-05T10:00:00Z');
    const first = await hold(userId, 4, `${userId}:x`, now);
    const again = await hold(userId, 4, `${userId}:x`, now);
    expect(again.id).toBe(first.id);
    expect((await credits.balance(userId, now)).total).toBe(6); // charged once
    await expect(hold(userId, 5, `${userId}:x`, now)).rejects.toMatchObject({
      code: 'reservation_reference_reused',
    });

    await credits.release(owner(`${userId}:x`), now);
    await credits.release(owner(`${userId}:x`), now);
    expect((await credits.balance(userId, now)).total).toBe(10); // refunded once
    await expect(credits.settle(owner(`${userId}:x`), now)).rejects.toMatchObject({
      code: 'reservation_already_finished',
    });

    await hold(userId, 2, `${userId}:y`, now);
    await credits.settle(owner(`${userId}:y`), now);
    await credits.settle(owner(`${userId}:y`), now);
    await expect(credits.release(owner(`${userId}:y`), now)).rejects.toMatchObject({
      code: 'reservation_already_finished',
    });
    expect((await credits.balance(userId, now)).total).toBe(8);

    const grant = { kind: 'grant' as const, amount: 25, expiresAt: null, source: `admin:${userId}` };
    const granted = await Promise.all([credits.grant(userId, grant, now), credits.grant(userId, grant, now)]);
    expect(granted[0].id).toBe(granted[1].id);
    expect((await credits.balance(userId, now)).total).toBe(33);
    await expectLedgerMatchesBuckets(userId);
  });

  it('charges a hold raced by its own retries once', async () => {
    const userId = await newUser();
    const now = at('2026-05-05T10:00:00Z');
    const holds = await Promise.all(Array.from({ length: 12 }, () => hold(userId, 2, `${userId}:same`, now)));
    expect(new Set(holds.map((reservation) => reservation.id)).size).toBe(1);
    expect((await credits.balance(userId, now)).total).toBe(8);
    await expectLedgerMatchesBuckets(userId);
  });

  it('stays exact when holds spanning several buckets race each other and releases in transactions', async () => {
    const userId = await newUser();
    const now = at('2026-05-05T10:00:00Z');
    for (const [amount, name] of [
      [7, 'a'],
      [5, 'b'],
    ] as const)
      await credits.grant(
        userId,
        { kind: 'topup', amount, expiresAt: null, source: `pack:${userId}:${name}` },
        now,
      );
    // 22 credits in three buckets; holds of 3 in their callers' transactions, so plans that come up
    // short roll back to their savepoint while other plans wait on the same rows.
    const holdInTransaction = (id: string) =>
      credits.transaction((tx) => tx.hold({ userId, amount: 3, owner: owner(id), deadline: now }), now);
    const first = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => holdInTransaction(`${userId}:first:${i}`)),
    );
    const held = first.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    const refused = first.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    expect(held).toHaveLength(7); // 7 × 3 of 22: no oversell, and nothing refused while 3 were left
    expect(refused.every((error: { code?: string }) => error.code === 'insufficient_credits')).toBe(true);
    expect((await credits.balance(userId, now)).total).toBe(1);

    const second = await Promise.allSettled([
      ...held.map((reservation) => credits.release(owner(reservation.ownerId), now)),
      ...Array.from({ length: 10 }, (_, i) => holdInTransaction(`${userId}:second:${i}`)),
    ]);
    const errors = second.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    expect(errors.every((error: { code?: string }) => error.code === 'insufficient_credits')).toBe(true);
    const heldAgain = second.length - held.length - errors.length;
    expect((await credits.balance(userId, now)).total).toBe(22 - 3 * heldAgain);
    await expectLedgerMatchesBuckets(userId);
  });
});

describe('credit schedules on the worker', () => {
  it('expire credits every 15 minutes and sweep holds every 5, once per cluster', async () => {
    const config = await prepareTestEnvironment({ label: 'credits_jobs', schema });
    const moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(config, schema, 'worker'), CreditsJobsModule],
    }).compile();
    await moduleRef.init();
    try {
      const queue = moduleRef.get<Queue>(getQueueToken('credits'));
      const schedulers = (await queue.getJobSchedulers()).map((s) => [s.key, s.every]);
      expect(schedulers.sort()).toEqual([
        [EXPIRE_CREDITS_JOB, 15 * 60_000],
        [SWEEP_CREDIT_HOLDS_JOB, 5 * 60_000],
      ]);
    } finally {
      await moduleRef.close();
    }
  });
});
