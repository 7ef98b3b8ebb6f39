import { ConnectionException, DriverException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Redis } from 'ioredis';
import { MikroORM } from '@mikro-orm/postgresql';
import { buildOrmOptions } from '../database/orm-options';
import { toProblem } from './problem.filter';
import { retryWhileUnavailable, unavailableDependency } from './unavailable';

/** The error a real client raises, so the classifier is held to what the libraries throw today. */
async function rejectionOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** What a query raises when nothing listens where the database should be, as the API's ORM sees it. */
async function queryWithNoServer(url = 'postgres://postgres@127.0.0.1:1/x'): Promise<unknown> {
  const orm = await MikroORM.init(buildOrmOptions(url, 1, { entities: [], migrations: [], seeds: [] }));
  try {
    return await rejectionOf(() => orm.em.getConnection().execute('select 1'));
  } finally {
    await orm.close(true);
  }
}

describe('unavailableDependency', () => {
  it('recognises Postgres refusing connections, as the ORM raises it and wrapped again', async () => {
    const refused = await queryWithNoServer();
    expect(unavailableDependency(refused)).toBe('database');
    expect(unavailableDependency(new DriverException(refused as Error))).toBe('database');
  });

  it('recognises a server shutting down or starting up by its SQLSTATE', () => {
    for (const code of ['57P01', '57P03', '08006', '53300']) {
      const error = Object.assign(new Error('terminating connection due to administrator command'), { code });
      expect(unavailableDependency(new ConnectionException(error))).toBe('database');
    }
  });

  it('recognises Redis being offline', async () => {
    const redis = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false });
    try {
      expect(unavailableDependency(await rejectionOf(() => redis.get('k')))).toBe('redis');
    } finally {
      redis.disconnect();
    }
  });

  it('leaves errors of the request or of our code alone', () => {
    const duplicate = Object.assign(new Error('duplicate key value'), { code: '23505' });
    expect(unavailableDependency(new UniqueConstraintViolationException(duplicate))).toBeNull();
    expect(unavailableDependency(new TypeError("Cannot read properties of null (reading 'id')"))).toBeNull();
    expect(unavailableDependency('boom')).toBeNull();
  });

  it('answers 503 with Retry-After and no internals', async () => {
    const refused = await queryWithNoServer('postgres://postgres:s3cret@127.0.0.1:1/x');
    const problem = toProblem(refused, '/api/runs', 'r');
    expect(problem).toMatchObject({ status: 503, code: 'database_unavailable', retryAfterSeconds: 5 });
    expect(JSON.stringify(problem)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|s3cret/);
  });
});

describe('retryWhileUnavailable', () => {
  const away = () => Object.assign(new Error('the database system is starting up'), { code: '57P03' });

  it('tries again while the database is away, and answers once it is back', async () => {
    let calls = 0;
    const retries: number[] = [];
    const answer = await retryWhileUnavailable(
      async () => {
        calls += 1;
        if (calls < 3) throw away();
        return 'committed';
      },
      { windowMs: 10_000, onRetry: (_, attempt) => retries.push(attempt) },
    );
    expect(answer).toBe('committed');
    expect(retries).toEqual([1, 2]);
  });

  it('throws any other failure at once, and gives up past its window', async () => {
    let calls = 0;
    const bug = new TypeError('bug');
    await expect(
      retryWhileUnavailable(
        async () => {
          calls += 1;
          throw bug;
        },
        { windowMs: 10_000 },
      ),
    ).rejects.toBe(bug);
    expect(calls).toBe(1);
    await expect(retryWhileUnavailable(() => Promise.reject(away()), { windowMs: 0 })).rejects.toMatchObject({
      code: '57P03',
    });
  });
});
