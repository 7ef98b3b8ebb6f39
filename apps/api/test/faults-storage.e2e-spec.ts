import { APP_CONFIG, type AppConfig } from '@huntkit/api/core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CookieJar } from './cookie-jar';
import { expectInvariants, report, runsOver, seconds, workerNamed } from './faults';
import { envFor, type RunningProcess, startBuilt } from './processes';
import { tcpListener } from './run-targets';
import { startSignedInHarness, type SignedInHarness } from './signed-in-harness';

const ROOT = mkdtempSync(join(tmpdir(), 'huntkit-faults-storage-'));
const STORAGE = join(ROOT, 'runs');
mkdirSync(STORAGE);
const RUN_ENV = { TOOL_TARGETS_ALLOW_PRIVATE: 'true', RUN_STORAGE_DIR: STORAGE, RUN_STALL_SECONDS: '2' };

/**
 * A real full disk: a 1 MiB tmpfs over the storage folder, filled to the last block. Needs the right
 * to mount (root with CAP_SYS_ADMIN, as on this project's machines and CI); null where it is missing.
 */
function mountFullDisk(): (() => void) | null {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', STORAGE], { stdio: 'pipe' });
  } catch {
    return null;
  }
  try {
    // dd stops at ENOSPC and exits 1: that is the point.
    execFileSync('dd', ['if=/dev/zero', `of=${join(STORAGE, 'filler')}`, 'bs=64k'], { stdio: 'pipe' });
  } catch {
    /* full */
  }
  return () => execFileSync('umount', [STORAGE]);
}

const canMount = (() => {
  const unmount = mountFullDisk();
  unmount?.();
  return unmount !== null;
})();

describe('fault: the run storage folder unwritable or full', () => {
  let harness: SignedInHarness;
  let worker: RunningProcess;
  let runs: ReturnType<typeof runsOver>;
  let jar: CookieJar;
  let listener: Awaited<ReturnType<typeof tcpListener>>;

  beforeAll(async () => {
    harness = await startSignedInHarness('faults_storage', RUN_ENV);
    worker = startBuilt('worker', envFor(harness.api.get<AppConfig>(APP_CONFIG), RUN_ENV));
    await worker.waitForLog('worker ready');
    runs = runsOver(harness);
    jar = await runs.signedInUser();
    listener = await tcpListener();
  });

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await listener?.close();
    await harness?.close();
    rmSync(ROOT, { recursive: true, force: true });
  });

  const scan = () =>
    runs.launch(jar, 'port-scan', { target: '127.0.0.1', ports: `${listener.port}`, grabBanners: false });

  /** Launches a run into the broken storage, then one after `repair`, on the same worker process. */
  async function failsThenRecovers(fault: string, repair: () => void, message: RegExp, errno: string) {
    const before = await runs.balance(jar);
    const launchedAt = performance.now();
    let final: { status?: string; error?: string | null };
    let broken: string;
    try {
      broken = await scan();
      final = await runs.finalStatus(jar, broken);
    } finally {
      repair();
    }
    const failedMs = performance.now() - launchedAt;
    expect(final).toMatchObject({ status: 'failed', error: expect.stringMatching(message) });
    // Words for the user: no stack, no file path, no errno; the operator's log has the detail.
    expect(final.error).not.toMatch(/\n|\/tmp|huntkit-faults|E[A-Z]{3,}|at .*\(/);
    expect((await runs.row(broken)).error).toBe(final.error);
    expect(worker.output()).toContain(`run ${broken}: its output cannot be saved: ${errno}`);
    expect(await runs.balance(jar)).toEqual(before);
    expect((await harness.call(`/api/runs/${broken}/log`, { jar })).status).toBeLessThan(500);

    const recovered = await scan();
    expect(await runs.finalStatus(jar, recovered)).toMatchObject({ status: 'succeeded' });
    expect(workerNamed((await runs.row(recovered)).worker)).toBe(worker.pid);
    const log = await harness.call(`/api/runs/${recovered}/log`, { jar });
    expect(log.status).toBe(200);
    await expectInvariants(harness);
    report(
      `storage ${fault}: run failed ${seconds(failedMs)} after launch with "${final.error}", credits back; ` +
        `the same worker (pid ${worker.pid}) ran the next run once it was repaired`,
    );
  }

  it('fails a run whose storage path is not a folder (ENOTDIR even for root), and serves the next', async () => {
    renameSync(STORAGE, `${STORAGE}.away`);
    writeFileSync(STORAGE, 'not a folder\n');
    await failsThenRecovers(
      'path is a file',
      () => {
        rmSync(STORAGE);
        renameSync(`${STORAGE}.away`, STORAGE);
      },
      /could not be saved: the run storage cannot be written to/,
      'ENOTDIR',
    );
  });

  (canMount ? it : it.skip)('fails a run whose storage is full (ENOSPC), and serves the next', async () => {
    const unmount = mountFullDisk();
    if (!unmount) throw new Error('could not mount the full disk');
    try {
      const makeRoom = () => rmSync(join(STORAGE, 'filler'));
      await failsThenRecovers('full (ENOSPC)', makeRoom, /the run storage is full/, 'ENOSPC');
    } finally {
      unmount();
    }
  });
});
