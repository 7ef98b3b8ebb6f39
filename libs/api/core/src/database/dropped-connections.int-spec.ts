import { MikroORM } from '@mikro-orm/postgresql';
import { unavailableDependency } from '../errors/unavailable';
import { toProblem } from '../errors/problem.filter';
import { prepareTestEnvironment, waitFor } from '../testing/test-environment';
import { buildOrmOptions } from './orm-options';
import type { GuardedPool } from './pool-guard';

const schema = { entities: [], migrations: [], seeds: [] };

describe('a pool whose connections the server kills (pg_terminate_backend)', () => {
  // Two slots: a leak per dead transaction would starve it by the third round.
  let orm: MikroORM;
  let admin: MikroORM;
  let pool: GuardedPool;

  beforeAll(async () => {
    const config = await prepareTestEnvironment({ label: 'dropped_connections', schema: { entities: [] } });
    orm = await MikroORM.init(buildOrmOptions(config.database.url, 2, schema));
    admin = await MikroORM.init(buildOrmOptions(config.database.url, 1, schema));
    pool = (await orm.em.getConnection().getNativeClient()) as unknown as GuardedPool;
  });

  afterAll(async () => {
    await orm?.close(true);
    await admin?.close(true);
  });

  it('keeps every slot usable after transactions die mid-way', async () => {
    for (let round = 0; round < 4; round++) {
      const died = orm.em.fork().transactional(async (em) => {
        const [{ pid }] = await em.execute<{ pid: number }[]>('select pg_backend_pid() as pid');
        await admin.em.fork().execute('select pg_terminate_backend(?)', [pid]);
        await em.execute('select 1');
      });
      // The caller learns the database was out of reach (a 503 to retry), not that its query was wrong.
      const error = await died.then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(unavailableDependency(error)).toBe('database');
      expect(toProblem(error, '/x', 'r')).toMatchObject({ status: 503, code: 'database_unavailable' });
      // Nothing is lent out any more: the dead connection went back to the pool, which dropped it.
      await waitFor(
        async () => ({ round, lent: pool.totalCount - pool.idleCount }),
        ({ lent }) => lent === 0,
        5000,
      );
    }
    // More rounds than the pool has slots, and it still serves; a broken query is still its own fault.
    expect(await orm.em.fork().execute('select 1 as one')).toEqual([{ one: 1 }]);
    const wrong = await orm.em
      .fork()
      .execute('select * from no_such_table')
      .catch((caught: unknown) => caught);
    expect(unavailableDependency(wrong)).toBeNull();
  });
});
