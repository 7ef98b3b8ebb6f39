import { APP_VERSION, ProblemException, REDIS } from '@huntkit/api/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { DependencyCheckDto, LivenessDto, ReadinessDto } from './dto/health.dto';

const CHECK_TIMEOUT_MS = 2000;

type CheckResult = DependencyCheckDto & { failure?: string };

async function timed(check: () => Promise<unknown>): Promise<CheckResult> {
  const started = performance.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) =>
        setTimeout(
          () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        ).unref(),
      ),
    ]);
    return { status: 'up', latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { status: 'down', failure: error instanceof Error ? error.message : 'check failed' };
  }
}

@Injectable()
export class HealthService {
  private readonly startedAt = Date.now();
  private readonly logger = new Logger('Health');

  constructor(
    private readonly orm: MikroORM,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  liveness(): LivenessDto {
    return {
      status: 'ok',
      version: APP_VERSION,
      uptimeSeconds: Math.floor((Date.now() - this.startedAt) / 1000),
    };
  }

  /** Postgres and Redis answer and no migration is pending; otherwise a 503 problem listing the checks. */
  async readiness(): Promise<ReadinessDto> {
    const [database, redis, migrations] = await Promise.all([
      timed(() => this.orm.em.getConnection().execute('select 1')),
      timed(() => this.redis.ping()),
      this.migrationsCheck(),
    ]);
    // Callers learn only what is down; why (addresses, users, pending names) goes to the log.
    const toPublic = (name: string, { failure, ...check }: CheckResult): DependencyCheckDto => {
      if (failure) this.logger.warn(`readiness: ${name} is down: ${failure}`);
      return check;
    };
    const checks = {
      database: toPublic('database', database),
      redis: toPublic('redis', redis),
      migrations: toPublic('migrations', migrations),
    };
    if (Object.values(checks).some((check) => check.status === 'down')) {
      throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, 'not_ready', 'A dependency is not ready.', {
        checks,
      });
    }
    return { status: 'ready', checks };
  }

  private async migrationsCheck(): Promise<CheckResult> {
    return timed(async () => {
      const pending = await this.orm.migrator.getPending();
      if (pending.length > 0)
        throw new Error(`${pending.length} migration(s) pending: run the migrate command`);
    });
  }
}
