// One test run at a time per checkout. The lock names the run that holds it; a run that was killed
// outright (SIGKILL, a closed terminal) leaves its lock behind, and the next run stops whatever that run
// left running before it starts, so nothing holds the suite's ports or databases.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isAlive, stopProcesses } from './processes.mjs';

function readLock(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Whether `pid` is still a test runner (pids are reused). */
function isTestRunner(pid) {
  if (!isAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('tools/test/run.mjs');
  } catch {
    return true; // no /proc: trust the pid
  }
}

/**
 * Takes the lock for `runId`, or throws when a live run holds it. Returns a release function.
 * `log` tells what was cleaned up after an earlier run.
 */
export async function takeRunLock(file, runId, log) {
  const previous = readLock(file);
  if (previous && previous.pid !== process.pid && isTestRunner(previous.pid)) {
    throw new Error(
      `another test run (pid ${previous.pid}, started ${previous.started}) is using this checkout's ` +
        `test databases and ports; wait for it to end, or stop it with: kill ${previous.pid}`,
    );
  }
  if (previous?.runId) {
    const stopped = await stopProcesses({ runId: previous.runId, graceMs: 3000 });
    if (stopped.length > 0)
      log(`stopped ${stopped.length} processes that an earlier, interrupted test run left running`);
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ pid: process.pid, runId, started: new Date().toISOString() }));
  return () => {
    if (readLock(file)?.runId === runId) rmSync(file, { force: true });
  };
}
