import { NotificationPreference } from '@huntkit/api/notifications';
import { AuditEntry } from '@huntkit/api/audit';
import { CoreModule, REDIS } from '@huntkit/api/core';
import { prepareTestEnvironment } from '@huntkit/api/core/testing';
import { CREDIT_ENTITIES } from '@huntkit/api/credits';
import { User } from '@huntkit/api/users';
import { EntityManager } from '@mikro-orm/postgresql';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOOL_ENTITIES, ToolRunsJobsModule } from '../tools.module';
import { ToolRun } from './entities/tool-run.entity';
import { runStreamKey } from './run-events';
import { RunOutput } from './run-output';
import { ToolRunsWorker } from './tool-runs-worker';

const schema = {
  entities: [User, NotificationPreference, AuditEntry, ...CREDIT_ENTITIES, ...TOOL_ENTITIES],
  migrations: [],
  seeds: [],
};
const DAY = 86_400_000;

describe('run output and retention (Postgres, Redis, files)', () => {
  const storage = mkdtempSync(join(tmpdir(), 'huntkit-run-storage-'));
  let moduleRef: TestingModule;
  let redis: Redis;
  let prefix: string;

  beforeAll(async () => {
    const config = await prepareTestEnvironment({
      label: 'run_storage',
      schema,
      env: { RUN_STORAGE_DIR: storage, RUN_RETENTION_DAYS: '30' },
    });
    prefix = config.redis.prefix;
    moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(config, schema, 'worker'), ToolRunsJobsModule],
    }).compile();
    await moduleRef.init();
    redis = moduleRef.get(REDIS);
  });

  afterAll(async () => {
    await moduleRef?.close();
    rmSync(storage, { recursive: true, force: true });
  });

  it('caps the output: the log file and the stream stop at the limit with one notice', async () => {
    const runId = randomUUID();
    const logPath = join(storage, `${runId}.log`);
    const output = new RunOutput(redis, prefix, runId, logPath, 64 * 1024);
    const line = 'x'.repeat(99);
    for (let index = 0; index < 2000; index++) output.print(`${index} ${line}`);
    await output.close(60);

    expect(output.truncated).toBe(true);
    expect(output.bytes).toBeLessThanOrEqual(64 * 1024);
    const lines = readFileSync(logPath, 'utf8').trimEnd().split('\n');
    expect(lines.at(-1)).toContain('output cut at 64 KiB');
    expect(lines.length).toBe(output.lines);
    expect(lines.length).toBeLessThan(700);
    // Every line reached the stream once, in order, and the stream expires.
    const key = runStreamKey(prefix, runId);
    const entries = (await redis.xrange(key, '-', '+')) as [string, string[]][];
    expect(entries.map(([, fields]) => fields[3])).toEqual(lines);
    expect(await redis.ttl(key)).toBeGreaterThan(0);
  });

  it('splits multi-line text into lines and drops control characters but keeps colours', async () => {
    const runId = randomUUID();
    const logPath = join(storage, `${runId}.log`);
    const output = new RunOutput(redis, prefix, runId, logPath, 1024 * 1024);
    output.print('one\r\ntwo\x07\n\x1b[32mthree\x1b[0m');
    await output.close(60);
    expect(readFileSync(logPath, 'utf8')).toBe('one\ntwo\n\x1b[32mthree\x1b[0m\n');
  });

  it('reports a full disk (/dev/full answers ENOSPC even to root) instead of crashing, and still streams', async () => {
    const runId = randomUUID();
    const output = new RunOutput(redis, prefix, runId, '/dev/full', 1024 * 1024);
    const failures: string[] = [];
    output.whenFileFails((error) => failures.push(String(error.code)));
    expect(await output.opened()).toBeNull();
    output.print('first line');
    expect((await output.fileSynced())?.code).toBe('ENOSPC');
    output.print('after the failure');
    await output.close(60);
    expect(failures).toEqual(['ENOSPC']);
    // Viewers still got every line: only the durable copy is lost, and the run fails for it.
    const entries = (await redis.xrange(runStreamKey(prefix, runId), '-', '+')) as [string, string[]][];
    expect(entries.map(([, fields]) => fields[3])).toEqual(['first line', 'after the failure']);
  });

  it('reports a log that cannot be opened (its folder is a file: ENOTDIR even for root)', async () => {
    const notAFolder = join(storage, `${randomUUID()}.file`);
    writeFileSync(notAFolder, '');
    const output = new RunOutput(redis, prefix, randomUUID(), join(notAFolder, 'output.log'), 1024);
    expect((await output.opened())?.code).toBe('ENOTDIR');
    expect((await output.fileSynced())?.code).toBe('ENOTDIR');
    await output.close(60);
  });

  it('purges the log and artifacts of runs finished before the retention, and keeps their rows', async () => {
    const em = moduleRef.get(EntityManager).fork();
    const now = new Date();
    const run = (finishedDaysAgo: number | null) =>
      em.create(ToolRun, {
        userId: randomUUID(),
        toolId: 'port-scan',
        target: 'example.com',
        config: {},
        cost: 1,
        idempotencyKey: randomUUID(),
        timeoutSeconds: 60,
        status: finishedDaysAgo === null ? 'running' : 'succeeded',
        finishedAt: finishedDaysAgo === null ? null : new Date(now.getTime() - finishedDaysAgo * DAY),
      });
    const old = run(31);
    const recent = run(29);
    const running = run(null);
    await em.flush();
    for (const each of [old, recent, running]) {
      mkdirSync(join(storage, each.id));
      writeFileSync(join(storage, each.id, 'output.log'), 'line\n');
    }

    const worker = moduleRef.get(ToolRunsWorker);
    expect(await worker.purgeOldOutput(now)).toBe(1);
    expect(existsSync(join(storage, old.id))).toBe(false);
    expect(existsSync(join(storage, recent.id, 'output.log'))).toBe(true);
    expect(existsSync(join(storage, running.id, 'output.log'))).toBe(true);
    const reread = await moduleRef.get(EntityManager).fork().findOneOrFail(ToolRun, { id: old.id });
    expect(reread.outputPurgedAt).not.toBeNull();
    // Already purged runs are not visited again.
    expect(await worker.purgeOldOutput(now)).toBe(0);
  });
});
