import type { AppConfig } from '@huntkit/api/core';
import { type CreditDrift, CreditHoldSweeper, CreditsInvariant } from '@huntkit/api/credits';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';

/**
 * The whole API's modules without HTTP: every feature that pays with credit holds registers itself, so
 * the check and the sweep know all of them without a list kept here.
 */
async function withApi<T>(config: AppConfig, work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

const describeDrift = (drift: CreditDrift) =>
  `${drift.check.padEnd(6)} user ${drift.userId}: ${drift.detail} (expected ${drift.expected}, found ${drift.actual})`;

/** `credits:check [--user <id>]…`: prints every drift from the credit invariants; 1 when there is any. */
export async function checkCredits(config: AppConfig, args: string[]): Promise<number> {
  const users = args.flatMap((arg, index) => (args[index - 1] === '--user' ? [arg] : []));
  const drift = await withApi(config, (app) =>
    app.get(CreditsInvariant).check(users.length ? users : undefined),
  );
  if (drift.length === 0) {
    console.log(`credits are consistent${users.length ? ` for ${users.length} user(s)` : ''}`);
    return 0;
  }
  console.error(`credits drift in ${drift.length} place(s):`);
  for (const entry of drift) console.error(`  ${describeDrift(entry)}`);
  return 1;
}

/** `credits:sweep`: what the scheduled sweep does, now (for an operator who cannot wait for it). */
export async function sweepCredits(config: AppConfig): Promise<number> {
  const swept = await withApi(config, (app) => app.get(CreditHoldSweeper).sweep());
  for (const hold of swept)
    console.log(
      `released ${hold.amount} credit(s) of ${hold.reference} (user ${hold.userId}): ${hold.reason}`,
    );
  console.log(`${swept.length} hold(s) released`);
  return 0;
}
