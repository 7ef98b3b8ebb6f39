// Starting and stopping the suite's processes so that nothing outlives its step.
//
// Killing a step's direct child is not enough: Playwright starts every browser and web server in a
// process group of its own, and a process whose parent died is adopted by init and drops out of any
// tree. So every process a run starts carries a marker in its environment (HUNTKIT_TEST_RUN=<run id>,
// inherited by everything below it), and stopping a step stops its whole tree plus anything else that
// carries the marker.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';

export const RUN_MARKER = 'HUNTKIT_TEST_RUN';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** pid -> parent pid of every process we can see: /proc on Linux, `ps` elsewhere. */
function parentsByPid() {
  const parents = new Map();
  try {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        // "pid (command) state ppid …": the command may hold spaces and parentheses.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        parents.set(Number(name), Number(fields[1]));
      } catch {
        // gone since readdir
      }
    }
    return parents;
  } catch {
    const { stdout } = spawnSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' });
    for (const line of stdout.split('\n')) {
      const [pid, ppid] = line.trim().split(/\s+/).map(Number);
      if (pid) parents.set(pid, ppid);
    }
    return parents;
  }
}

/** The process and every process below it, wherever their process groups are. */
export function processTree(rootPid) {
  const children = new Map();
  for (const [pid, ppid] of parentsByPid()) {
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  const tree = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift();
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/**
 * Processes whose marker starts with `runId` (a run's id also finds the processes of each of its
 * steps, marked `<run id>/<step>`). Linux only; elsewhere the process tree must do.
 */
export function markedProcesses(runId) {
  const needle = `${RUN_MARKER}=${runId}`;
  const found = [];
  let names;
  try {
    names = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return found;
  }
  for (const name of names) {
    try {
      const environment = readFileSync(`/proc/${name}/environ`, 'latin1').split('\0');
      if (environment.some((entry) => entry === needle || entry.startsWith(`${needle}/`)))
        found.push(Number(name));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

/** Whether the process still runs: a zombie (exited, not yet reaped by its parent) does not. */
export function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return error.code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return true; // no /proc: kill(0) is all there is to go by
  }
}

function signalAll(pids, signal) {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Stops `rootPid`'s tree and every process marked with `runId`: SIGTERM first so Playwright and the
 * stack can tidy up (browser profiles, children), SIGKILL for whatever is still there after `graceMs`.
 * Resolves with the pids it signalled.
 */
export async function stopProcesses({ rootPid, runId, graceMs = 5000 }) {
  const collect = () => {
    const found = new Set([
      ...(rootPid ? processTree(rootPid) : []),
      ...(runId ? markedProcesses(runId) : []),
    ]);
    found.delete(process.pid);
    return found;
  };
  const targets = collect();
  if (targets.size === 0) return [];
  signalAll(targets, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && [...targets].some(isAlive)) await sleep(100);
  // Freeze what is left, looking again until no new process turns up (one may have forked between a
  // look and the freeze), then kill the lot: a frozen process cannot start another.
  const frozen = new Set();
  for (let found = [...targets].filter(isAlive); found.length > 0; ) {
    signalAll(found, 'SIGSTOP');
    for (const pid of found) frozen.add(pid);
    found = [...collect()].filter((pid) => !frozen.has(pid) && isAlive(pid));
  }
  signalAll(frozen, 'SIGKILL');
  return [...targets];
}

/**
 * Runs one command in a process group of its own, marked with the run id, with its output passed
 * through (or written to `logFile`). Resolves { code, signal, timedOut } once it exits and, after a time
 * limit, once its tree is gone. A command that outlives `timeoutMs` is stopped with its whole tree.
 */
export function runMarked(command, args, { env, runId, timeoutMs, logFile, onStart }) {
  return new Promise((resolve) => {
    const output = logFile ? openSync(logFile, 'w') : 'inherit';
    const child = spawn(command, args, {
      stdio: ['ignore', output, output],
      env: { ...env, [RUN_MARKER]: runId },
      detached: true,
    });
    onStart?.(child);
    let stopping; // the stop a time limit began, which the outcome waits for
    const timer =
      timeoutMs > 0
        ? setTimeout(() => (stopping = stopProcesses({ rootPid: child.pid, runId })), timeoutMs)
        : undefined;
    if (typeof output === 'number') closeSync(output); // the child has its own copy
    const settle = async (outcome) => {
      clearTimeout(timer);
      await stopping;
      resolve({ ...outcome, timedOut: stopping !== undefined });
    };
    child.once('error', (error) => void settle({ code: null, signal: null, error }));
    child.once('exit', (code, signal) => void settle({ code, signal }));
  });
}
