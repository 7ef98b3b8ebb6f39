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
 * `log` tells what was cleaned up after an earlier run. The lock file is created exclusively, so of
 * two runs started at the same moment only one gets it.
 */
export async function takeRunLock(file, runId, log) {
  mkdirSync(dirname(file), { recursive: true });
  const lock = JSON.stringify({ pid: process.pid, runId, started: new Date().toISOString() });
  let unreadable = 0;
  for (;;) {
    try {
      writeFileSync(file, lock, { flag: 'wx' });
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const previous = readLock(file);
    if (!previous && (unreadable += 1) < 20) {
      await new Promise((resolve) => setTimeout(resolve, 100)); // being written by a run starting now
      continue;
    }
    if (previous && isTestRunner(previous.pid)) {
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
    // The earlier run is gone and so is all it left: its lock goes too, and the next try takes ours.
    if (readLock(file)?.runId === previous?.runId) rmSync(file, { force: true });
  }
  return () => {
    if (readLock(file)?.runId === runId) rmSync(file, { force: true });
  };
}
