import { CoreModule } from '@huntkit/api/core';
import { prepareTestEnvironment } from '@huntkit/api/core/testing';
import { EntityManager } from '@mikro-orm/postgresql';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { ActiveUserCount, ActiveUserPeriod } from '../entities/active-users.entity';
import { activityPeriods, ActiveUsers } from './active-users.service';

const schema = { entities: [ActiveUserPeriod, ActiveUserCount], migrations: [], seeds: [] };

describe('daily and monthly active users (Postgres)', () => {
  let moduleRef: TestingModule;
  let activeUsers: ActiveUsers;

  beforeAll(async () => {
    const config = await prepareTestEnvironment({ label: 'active_users', schema });
    moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(config, schema, 'api'), MikroOrmModule.forFeature(schema.entities)],
      providers: [ActiveUsers],
    }).compile();
    await moduleRef.init();
    activeUsers = moduleRef.get(ActiveUsers);
  });

  afterAll(async () => {
    await moduleRef?.close();
  });

  it('places an instant in its UTC day and month', () => {
    expect(activityPeriods(new Date('2026-03-31T23:59:59Z'))).toEqual({
      day: '2026-03-31',
      month: '2026-03-01',
    });
    expect(activityPeriods(new Date('2026-04-01T00:00:00Z'))).toEqual({
      day: '2026-04-01',
      month: '2026-04-01',
    });
  });

  it('counts each user once per day and month, however often and however concurrently they show up', async () => {
    const users = Array.from({ length: 5 }, () => randomUUID());
    const day1 = new Date('2026-02-10T08:00:00Z');
    const day2 = new Date('2026-02-11T22:30:00Z');
    // Every user shows up four times at once on day 1; three of them come back on day 2.
    await Promise.all(
      users.flatMap((user) => Array.from({ length: 4 }, () => activeUsers.record(user, day1))),
    );
    await Promise.all(users.slice(0, 3).map((user) => activeUsers.record(user, day2)));

    expect(await activeUsers.series('day', '2026-02-01', '2026-02-28')).toEqual([
      { periodStart: '2026-02-10', activeUsers: 5 },
      { periodStart: '2026-02-11', activeUsers: 3 },
    ]);
    expect(await activeUsers.series('month', '2026-01-01', '2026-12-31')).toEqual([
      { periodStart: '2026-02-01', activeUsers: 5 },
    ]);

    // The kept counters agree with the per-user rows they summarise.
    const recount = await moduleRef
      .get(EntityManager)
      .fork()
      .execute<
        { granularity: string; n: string }[]
      >(`select granularity, count(*) as n from active_user_periods group by granularity order by granularity`);
    expect(recount.map((row) => [row.granularity, Number(row.n)])).toEqual([
      ['day', 8],
      ['month', 5],
    ]);
  });
});
