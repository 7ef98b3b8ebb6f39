import { APP_CONFIG, type AppConfig } from '@huntkit/api/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectInvariants, report, runsOver, seconds, workerNamed } from './faults';
import { envFor, type RunningProcess, startBuilt } from './processes';
import { slowWebServer, tcpListener } from './run-targets';
import { startSignedInHarness, type SignedInHarness } from './signed-in-harness';

const STORAGE = mkdtempSync(join(tmpdir(), 'huntkit-faults-worker-'));
const STALL_SECONDS = 2;
const RUN_ENV = {
  TOOL_TARGETS_ALLOW_PRIVATE: 'true',
  RUN_STORAGE_DIR: STORAGE,
  RUN_STALL_SECONDS: String(STALL_SECONDS),
  RUNS_ACTIVE_LIMIT_FREE: '5',
};

describe('fault: a worker killed with SIGKILL in the middle of a run, with a second worker alive', () => {
  let harness: SignedInHarness;
  let workers: RunningProcess[] = [];

  beforeAll(async () => {
    harness = await startSignedInHarness('faults_worker', RUN_ENV);
    const env = envFor(harness.api.get<AppConfig>(APP_CONFIG), RUN_ENV);
    workers = [startBuilt('worker', env), startBuilt('worker', env)];
    await Promise.all(workers.map((worker) => worker.waitForLog('worker ready')));
  });

  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await harness?.close();
    rmSync(STORAGE, { recursive: true, force: true });
  });

  it('fails the run within the stall interval, returns its credits, and the survivor takes every next job', async () => {
    const runs = runsOver(harness);
    const jar = await runs.signedInUser();
    const site = await slowWebServer(300);
    const listener = await tcpListener();
    try {
      const runId = await runs.launch(jar, 'path-discovery', { url: site.url, concurrency: 1 });
      await runs.waitForLine(jar, runId, /Path discovery/);
      const ranOn = workerNamed((await runs.row(runId)).worker);
      const victim = workers.find((worker) => worker.pid === ranOn);
      const survivor = workers.find((worker) => worker.pid !== ranOn);
      if (!victim || !survivor) throw new Error(`run ${runId} is on no worker of this suite (${ranOn})`);
      expect((await runs.balance(jar)).reserved).toBe(3); // path discovery costs 3

      victim.kill('SIGKILL');
      await victim.finished;
      const killedAt = performance.now();
      // Launched while the dead worker's lock has not expired yet: the queue keeps flowing meanwhile.
      const during = await runs.launch(jar, 'port-scan', {
        target: '127.0.0.1',
        ports: `${listener.port}`,
        grabBanners: false,
      });

      const failed = await runs.finalStatus(jar, runId);
      const failedAfterMs = performance.now() - killedAt;
      expect(failed).toMatchObject({ status: 'failed', error: expect.stringMatching(/stopped responding/) });
      // Within the stall interval plus BullMQ's check period and a margin for a busy machine.
      expect(failedAfterMs).toBeLessThan((STALL_SECONDS * 3 + 10) * 1000);
      expect(survivor.output()).toContain(`run ${runId} was left running`);

      expect(await runs.finalStatus(jar, during)).toMatchObject({ status: 'succeeded' });
      const launchedAt = performance.now();
      const after = await runs.launch(jar, 'port-scan', {
        target: '127.0.0.1',
        ports: `${listener.port}`,
        grabBanners: false,
      });
      expect(await runs.finalStatus(jar, after)).toMatchObject({ status: 'succeeded' });
      const afterMs = performance.now() - launchedAt;
      const [duringRow, afterRow] = [await runs.row(during), await runs.row(after)];
      for (const row of [duringRow, afterRow]) expect(workerNamed(row.worker)).toBe(survivor.pid);
      const pickedUpMs =
        new Date(afterRow.started_at ?? NaN).getTime() - new Date(afterRow.created_at).getTime();

      // 10 free credits, two port scans kept (2 each), the failed discovery given back.
      expect(await runs.balance(jar)).toMatchObject({ total: 6, reserved: 0 });
      await expectInvariants(harness);
      report(
        `worker SIGKILL: run failed ${seconds(failedAfterMs)} after the kill (RUN_STALL_SECONDS ${STALL_SECONDS}), ` +
          `credits back; a run launched during the stall and one after it both succeeded on worker 2 ` +
          `(picked up ${pickedUpMs} ms after launch, done in ${seconds(afterMs)})`,
      );
    } finally {
      site.close();
      await listener.close();
    }
  });
});
