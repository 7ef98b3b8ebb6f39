import { CoreModule, type AppConfig } from '@huntkit/api/core';
import { inRequestContext, prepareTestEnvironment, waitFor } from '@huntkit/api/core/testing';
import { EntityManager } from '@mikro-orm/postgresql';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Job, Queue } from 'bullmq';
import { WorkerProbe } from './entities/worker-probe.entity';
import { HealthJobsModule, HealthModule } from './health.module';
import { HealthService } from './health.service';
import { PROBE_RETENTION_MS, WorkerProbeJob } from './worker-probe-jobs';
import { WorkerProbeProcessor } from './worker-probe.processor';
import { WorkerProbesService } from './worker-probes.service';

const schema = { entities: [WorkerProbe], migrations: [], seeds: [] };

describe('worker probes (Postgres + Redis + BullMQ)', () => {
  let config: AppConfig;
  let moduleRef: TestingModule;
  let service: WorkerProbesService;
  let inContext: <T>(work: () => Promise<T>) => Promise<T>;
  const probes = {
    request: () => inContext(() => service.request()),
    find: (id: string) => inContext(() => service.find(id)),
  };

  beforeAll(async () => {
    config = await prepareTestEnvironment({ label: 'health', schema });
    moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(config, schema, 'worker'), HealthModule, HealthJobsModule],
    }).compile();
    await moduleRef.init();
    service = moduleRef.get(WorkerProbesService);
    inContext = inRequestContext(moduleRef.get(EntityManager));
  });

  afterAll(async () => {
    await moduleRef?.close();
  });

  it('runs a probe on a worker and records what it measured', async () => {
    const queued = await probes.request();
    expect(queued.status).toBe('queued');
    const done = await waitFor(
      () => probes.find(queued.id),
      (probe) => probe.status === 'completed',
    );
    expect(done.workerId).toMatch(/^worker-[0-9a-f]{8}$/);
    expect(done.databaseLatencyMs).toBeGreaterThanOrEqual(0);
    expect(done.redisLatencyMs).toBeGreaterThanOrEqual(0);
    expect(done.queueDelayMs).toBeGreaterThanOrEqual(0);
    expect(new Date(done.completedAt ?? 0).getTime()).toBeGreaterThanOrEqual(
      new Date(done.requestedAt).getTime(),
    );
  });

  it('leaves a completed probe untouched when its job runs again', async () => {
    const queued = await probes.request();
    const done = await waitFor(
      () => probes.find(queued.id),
      (probe) => probe.status === 'completed',
    );
    const processor = moduleRef.get(WorkerProbeProcessor);
    const rerun = await processor.process({ name: WorkerProbeJob.run, data: { probeId: queued.id } } as Job<
      { probeId: string },
      unknown,
      'run-probe'
    >);
    expect(rerun).toEqual({ completed: false });
    expect(await probes.find(queued.id)).toEqual(done);
  });

  it('purges probes older than the retention and keeps recent ones', async () => {
    const em = moduleRef.get(EntityManager).fork();
    const old = em.create(WorkerProbe, { requestedAt: new Date(Date.now() - PROBE_RETENTION_MS - 60_000) });
    const recent = em.create(WorkerProbe, {});
    await em.persist([old, recent]).flush();
    const processor = moduleRef.get(WorkerProbeProcessor);
    const result = await processor.process({ name: WorkerProbeJob.purge, data: { probeId: '' } } as Job<
      { probeId: string },
      unknown,
      'purge-old-probes'
    >);
    expect(result).toMatchObject({ deleted: expect.any(Number) });
    await expect(probes.find(old.id)).rejects.toThrow(/No worker probe/);
    await expect(probes.find(recent.id)).resolves.toMatchObject({ id: recent.id });
  });

  it('marks a probe failed once its job has used every attempt, not before', async () => {
    const em = moduleRef.get(EntityManager).fork();
    const probe = em.create(WorkerProbe, {});
    await em.persist(probe).flush();
    const processor = moduleRef.get(WorkerProbeProcessor);
    const job = (attemptsMade: number) =>
      ({ name: WorkerProbeJob.run, data: { probeId: probe.id }, attemptsMade, opts: { attempts: 3 } }) as Job<
        { probeId: string },
        unknown,
        'run-probe'
      >;
    await processor.markFailed(job(2));
    expect((await probes.find(probe.id)).status).toBe('queued');
    await processor.markFailed(job(3));
    const failed = await probes.find(probe.id);
    expect(failed.status).toBe('failed');
    expect(failed.completedAt).not.toBeNull();
  });

  it('keeps no probe and answers 503 when the queue cannot take the job', async () => {
    const em = moduleRef.get(EntityManager).fork();
    const before = await em.count(WorkerProbe, {});
    const queue = moduleRef.get<Queue>('BullQueue_worker-probes');
    const add = jest.spyOn(queue, 'add').mockRejectedValueOnce(new Error('Connection is closed.'));
    try {
      await expect(probes.request()).rejects.toMatchObject({ code: 'queue_unavailable' });
    } finally {
      add.mockRestore();
    }
    expect(await em.count(WorkerProbe, {})).toBe(before);
  });

  it('reports ready when Postgres and Redis answer', async () => {
    const readiness = await inContext(() => moduleRef.get(HealthService).readiness());
    expect(readiness.status).toBe('ready');
    expect(readiness.checks.database.status).toBe('up');
    expect(readiness.checks.redis.status).toBe('up');
  });

  it('runs probes with the configured concurrency', () => {
    expect(moduleRef.get(WorkerProbeProcessor).worker.concurrency).toBe(config.worker.concurrency);
    expect(config.worker.concurrency).toBe(2);
  });

  it('registers the hourly purge as one cluster-wide scheduler', async () => {
    const queue = moduleRef.get<Queue>('BullQueue_worker-probes');
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toEqual(['purge-old-worker-probes']);
    expect(schedulers[0]?.every).toBe(3600_000);
  });
});
