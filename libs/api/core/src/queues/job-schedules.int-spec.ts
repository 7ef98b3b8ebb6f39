import { Queue } from 'bullmq';
import { createRedisClient } from '../redis/redis.module';
import { privateRedis, type PrivateRedis } from '../testing/private-redis';
import { waitFor } from '../testing/test-environment';
import { JobSchedules } from './job-schedules';

describe('JobSchedules, when Redis comes back empty', () => {
  let server: PrivateRedis;

  beforeAll(async () => {
    server = await privateRedis();
    await server.start();
  });
  afterAll(() => server.stop());

  it('writes every kept schedule again once the connection is back, without a restart', async () => {
    // As a worker's queues connect: retry forever, no command timeout.
    const connection = createRedisClient(server.url, 'job-schedules-test', {
      maxRetriesPerRequest: null,
      commandTimeout: undefined,
    });
    const queue = new Queue('sweeps', { connection, prefix: 'test' });
    queue.on('error', () => undefined);
    try {
      const schedules = new JobSchedules();
      await schedules.keep(queue, 'sweep-holds', { every: 60_000 }, { name: 'sweep-holds' });
      await schedules.keep(queue, 'purge', { every: 3_600_000 }, { name: 'purge' });
      const ids = async () => (await queue.getJobSchedulers()).map((scheduler) => scheduler.key).sort();
      expect(await ids()).toEqual(['purge', 'sweep-holds']);

      await server.stop();
      await server.start(); // empty: nothing is kept on disk
      await waitFor(
        () => ids().catch(() => []),
        (found) => found.length === 2,
      );
      expect(await ids()).toEqual(['purge', 'sweep-holds']);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });
});
