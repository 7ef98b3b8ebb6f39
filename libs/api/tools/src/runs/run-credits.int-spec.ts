import { AuditEntry } from '@huntkit/api/audit';
import { CoreModule } from '@huntkit/api/core';
import { prepareTestEnvironment } from '@huntkit/api/core/testing';
import {
  CREDIT_ENTITIES,
  CreditHoldSweeper,
  CreditLedgerEntry,
  CreditReservation,
  CreditsInvariant,
  CreditsService,
} from '@huntkit/api/credits';
import { NotificationPreference } from '@huntkit/api/notifications';
import { User } from '@huntkit/api/users';
import { EntityManager } from '@mikro-orm/postgresql';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOOL_ENTITIES, ToolRunsJobsModule } from '../tools.module';
import { ToolRunResult } from './entities/tool-run-result.entity';
import { type RunStatus, ToolRun } from './entities/tool-run.entity';
import { OVERRAN_ERROR, runHold } from './run-credit-holds';
import { RunFinisher } from './run-finisher';

const schema = {
  entities: [User, NotificationPreference, AuditEntry, ...CREDIT_ENTITIES, ...TOOL_ENTITIES],
  migrations: [],
  seeds: [],
};
const HOUR = 3600_000;

describe('tool runs and their credits (Postgres)', () => {
  const storage = mkdtempSync(join(tmpdir(), 'huntkit-run-credits-'));
  let moduleRef: TestingModule;
  let em: EntityManager;
  let credits: CreditsService;
  let sweeper: CreditHoldSweeper;
  let invariant: CreditsInvariant;

  beforeAll(async () => {
    const config = await prepareTestEnvironment({
      label: 'run_credits',
      schema,
      env: { RUN_STORAGE_DIR: storage, CREDIT_HOLD_GRACE_MINUTES: '15' },
    });
    moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(config, schema, 'worker'), ToolRunsJobsModule],
    }).compile();
    await moduleRef.init();
    em = moduleRef.get(EntityManager);
    credits = moduleRef.get(CreditsService);
    sweeper = moduleRef.get(CreditHoldSweeper);
    invariant = moduleRef.get(CreditsInvariant);
  });

  afterAll(async () => {
    await moduleRef?.close();
    rmSync(storage, { recursive: true, force: true });
  });

  async function newUser(): Promise<string> {
    const fork = em.fork();
    const user = fork.create(User, {
      email: `${randomUUID()}@example.com`,
      displayName: 'Hunter',
      passwordHash: null,
    });
    await fork.persist(user).flush();
    return user.id;
  }

  /** A run row as the launch writes it, with its hold; `status` as if it got that far. */
  async function runWithHold(userId: string, status: RunStatus, cost: number, at: Date): Promise<ToolRun> {
    const run = await credits.transaction(async (tx) => {
      const created = tx.em.create(ToolRun, {
        userId,
        toolId: 'port-scan',
        target: 'example.com',
        config: {},
        cost,
        idempotencyKey: randomUUID(),
        timeoutSeconds: 60,
        status,
        createdAt: at,
        startedAt: status === 'queued' ? null : at,
        finishedAt: ['queued', 'running'].includes(status) ? null : at,
      });
      await tx.hold({
        userId,
        amount: cost,
        owner: runHold(created),
        deadline: new Date(at.getTime() + 60_000),
      });
      return created;
    }, at);
    return run;
  }

  const holdOf = (run: ToolRun) =>
    em.fork().findOneOrFail(CreditReservation, { ownerKind: 'run', ownerId: run.id });
  const ledgerOf = (userId: string, kind?: CreditLedgerEntry['kind']) =>
    em
      .fork()
      .find(CreditLedgerEntry, { userId, ...(kind ? { kind } : {}) }, { orderBy: { at: 'asc', id: 'asc' } });

  it('gives back holds whose run finished or is gone, one ledger entry each, and a second sweep changes nothing', async () => {
    const userId = await newUser();
    const now = new Date();
    // A crash between finishing the run and settling: the run is over, its credits still held.
    const finished = await runWithHold(userId, 'succeeded', 2, now);
    // A hold whose run row is gone (removed by hand, or a bug).
    const vanished = await runWithHold(userId, 'queued', 3, now);
    await em.fork().nativeDelete(ToolRun, { id: vanished.id });
    // A healthy queued run keeps its hold.
    const healthy = await runWithHold(userId, 'queued', 1, now);
    expect((await credits.balance(userId, now)).total).toBe(4);

    const swept = await sweeper.sweep(now);
    expect(
      swept
        .filter((hold) => hold.userId === userId)
        .map(({ amount, reason }) => [amount, reason])
        .sort(),
    ).toEqual([
      [2, 'finished'],
      [3, 'missing'],
    ]);
    const refunds = await ledgerOf(userId, 'refund');
    expect(refunds.map((entry) => entry.amount).sort()).toEqual([2, 3]);
    expect((await holdOf(finished)).status).toBe('released');
    expect((await holdOf(healthy)).status).toBe('reserved');
    expect((await credits.balance(userId, now)).total).toBe(9);

    const entries = (await ledgerOf(userId)).length;
    expect((await sweeper.sweep(now)).filter((hold) => hold.userId === userId)).toEqual([]);
    expect(await ledgerOf(userId)).toHaveLength(entries);
    expect(await invariant.check([userId])).toEqual([]);
  });

  it('ends a run that overran its time limit plus the grace and returns its credits', async () => {
    const userId = await newUser();
    const started = new Date(Date.now() - 2 * HOUR);
    const stuck = await runWithHold(userId, 'running', 4, started);
    // Within the grace (60 s limit + 15 min) nothing happens; past it, the run ends as failed.
    expect(await sweeper.sweep(new Date(started.getTime() + 10 * 60_000))).not.toContainEqual(
      expect.objectContaining({ userId }),
    );
    const swept = await sweeper.sweep(new Date(started.getTime() + 17 * 60_000));
    expect(swept).toContainEqual(expect.objectContaining({ userId, amount: 4, reason: 'overdue' }));
    const run = await em.fork().findOneOrFail(ToolRun, { id: stuck.id });
    expect(run).toMatchObject({ status: 'failed', error: OVERRAN_ERROR });
    expect((await holdOf(stuck)).status).toBe('released');
    expect(await invariant.check([userId])).toEqual([]);
  });

  it('keeps the run running and its credits held when the finishing transaction fails; the retry settles once', async () => {
    const userId = await newUser();
    const run = await runWithHold(userId, 'running', 3, new Date());
    const finisher = moduleRef.get(RunFinisher);
    const results = [
      { kind: 'port' as const, key: '80/tcp', title: 'Port 80 open', severity: 'info' as const, data: {} },
    ];
    const output = { bytes: 10, truncated: false };

    // The database refuses the settle (as a lost connection or a deadlock would), mid-transaction.
    const conn = em.fork();
    await conn.execute(`create or replace function huntkit_refuse_settle() returns trigger language plpgsql as
      $$ begin raise exception 'refused for the test'; end $$`);
    await conn.execute(`create trigger refuse_settle before update on credit_reservations
      for each row when (new.owner_id = '${run.id}') execute function huntkit_refuse_settle()`);
    try {
      await expect(finisher.finish(run, 'succeeded', null, results, output)).rejects.toThrow(
        /refused for the test/,
      );
    } finally {
      await conn.execute('drop trigger refuse_settle on credit_reservations');
    }
    expect((await em.fork().findOneOrFail(ToolRun, { id: run.id })).status).toBe('running');
    expect(await em.fork().count(ToolRunResult, { run: run.id })).toBe(0);
    expect((await holdOf(run)).status).toBe('reserved');
    expect((await credits.balance(userId)).reserved).toBe(3);

    expect(await finisher.finish(run, 'succeeded', null, results, output)).toMatchObject({ total: 1 });
    expect(await finisher.finish(run, 'succeeded', null, results, output)).toBeNull(); // finished once
    expect((await holdOf(run)).status).toBe('settled');
    expect((await em.fork().findOneOrFail(ToolRun, { id: run.id })).status).toBe('succeeded');
    const ledger = await ledgerOf(userId);
    expect(ledger.filter((entry) => entry.kind === 'spend').map((entry) => entry.amount)).toEqual([-3]);
    expect(ledger.filter((entry) => entry.kind === 'refund')).toEqual([]);
    expect((await credits.balance(userId)).total).toBe(7);
    expect(await invariant.check([userId])).toEqual([]);
  });

  it('reports drift when a row is tampered with', async () => {
    const userId = await newUser();
    const run = await runWithHold(userId, 'running', 2, new Date());
    expect(await invariant.check([userId])).toEqual([]);

    await em
      .fork()
      .execute('update credit_buckets set remaining = remaining + 5 where user_id = ?', [userId]);
    await em.fork().nativeUpdate(ToolRun, { id: run.id }, { cost: 6 });
    const drift = await invariant.check([userId]);
    expect(drift).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId, check: 'held', expected: 6, actual: 2 }),
        expect.objectContaining({ userId, check: 'ledger', expected: 13, actual: 8 }),
        expect.objectContaining({ userId, check: 'bucket', actual: 13 }),
      ]),
    );
    expect(drift).toHaveLength(3);
  });
});
