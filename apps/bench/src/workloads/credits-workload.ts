import { type AppConfig, CoreModule } from '@huntkit/api/core';
import { CreditsModule, CreditsService } from '@huntkit/api/credits';
import { DATABASE_SCHEMA } from '@huntkit/api/database';
import { EntityManager } from '@mikro-orm/postgresql';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { insertBenchUsers } from './bench-users';

export interface WorkloadResult {
  name: string;
  operations: number;
  succeeded: number;
  seconds: number;
  perSecond: number;
  /** Reservations granted beyond what the accounts held: must be 0. */
  oversold?: number;
}

const CONCURRENCY = 64;

/** Runs `attempts` through `CONCURRENCY` concurrent clients; counts the ones that succeed. */
async function drive(attempts: (() => Promise<boolean>)[]): Promise<{ succeeded: number; seconds: number }> {
  let next = 0;
  let succeeded = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < attempts.length) {
        const attempt = attempts[next++] as () => Promise<boolean>;
        if (await attempt()) succeeded += 1;
      }
    }),
  );
  return { succeeded, seconds: (performance.now() - started) / 1000 };
}

const result = (
  name: string,
  operations: number,
  run: { succeeded: number; seconds: number },
  oversold?: number,
) => ({
  name,
  operations,
  ...run,
  perSecond: operations / run.seconds,
  ...(oversold === undefined ? {} : { oversold }),
});

function reserveOne(credits: CreditsService, userId: string): () => Promise<boolean> {
  return () =>
    credits
      .hold({ userId, amount: 1, owner: { kind: 'bench', id: randomUUID() }, deadline: new Date() })
      .then(
        () => true,
        (error: { code?: string }) => {
          if (error.code === 'insufficient_credits') return false;
          throw error;
        },
      );
}

/**
 * The credits benchmark's workload, through the API's own CreditsService (`main.js credits`): reservations
 * for one user under 64 concurrent clients, and for many users, each pushed past their balance so an
 * oversell would show; plus a baseline of empty transactions through the same pool.
 */
export async function runCreditsWorkload(config: AppConfig, users: number): Promise<WorkloadResult[]> {
  @Module({ imports: [CoreModule.forRoot(config, DATABASE_SCHEMA, 'worker'), CreditsModule] })
  class WorkloadModule {}
  const app = await NestFactory.createApplicationContext(WorkloadModule, { logger: false });
  try {
    const em = app.get(EntityManager);
    const credits = app.get(CreditsService);
    const createUsers = (count: number) => insertBenchUsers(em, count);

    const baselineCount = 5000;
    const baseline = await drive(
      Array.from({ length: baselineCount }, () => async () => {
        await em.fork().transactional((tx) => tx.execute('select 1'));
        return true;
      }),
    );

    // One user holding 2,000 credits (plus the daily 10), asked for 2,500.
    const [single] = await createUsers(1);
    const singleId = single as string;
    await credits.grant(singleId, {
      kind: 'topup',
      amount: 2000,
      expiresAt: null,
      source: `bench:${singleId}`,
    });
    const singleAttempts = Array.from({ length: 2500 }, () => reserveOne(credits, singleId));
    const one = await drive(singleAttempts);

    // Many users with the daily 10 each, asked for 12 each in a shuffled order.
    const many = await createUsers(users);
    const manyAttempts = many.flatMap((id) => Array.from({ length: 12 }, () => reserveOne(credits, id)));
    for (let i = manyAttempts.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [manyAttempts[i], manyAttempts[j]] = [
        manyAttempts[j] as () => Promise<boolean>,
        manyAttempts[i] as () => Promise<boolean>,
      ];
    }
    const spread = await drive(manyAttempts);

    return [
      result('empty transactions (baseline)', baselineCount, baseline),
      result(
        'reserve 1, one user, 64 clients',
        singleAttempts.length,
        one,
        Math.max(0, one.succeeded - 2010),
      ),
      result(
        `reserve 1, ${users} users, 64 clients`,
        manyAttempts.length,
        spread,
        Math.max(0, spread.succeeded - users * 10),
      ),
    ];
  } finally {
    await app.close();
  }
}
