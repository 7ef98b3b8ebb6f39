import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { isAlive, markedProcesses, RUN_MARKER, runMarked, stopProcesses } from './processes.mjs';

// A parent that starts a child in a process group of its own (as Playwright starts browsers and web
// servers) and prints the child's pid; the child waits forever.
const TREE_SCRIPT = `
  const { spawn } = require('node:child_process');
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
  console.log(child.pid);
  setInterval(() => {}, 1000);
`;

async function startTree(env = {}) {
  const parent = spawn(process.execPath, ['-e', TREE_SCRIPT], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = await once(parent.stdout, 'data');
  return { parent, childPid: Number(String(line).trim()) };
}

describe('stopping what a test step started', () => {
  it('stops a whole tree, including a child in a process group of its own', async () => {
    const { parent, childPid } = await startTree();
    expect(isAlive(childPid)).toBe(true);
    const stopped = await stopProcesses({ rootPid: parent.pid, graceMs: 2000 });
    expect(stopped).toEqual(expect.arrayContaining([parent.pid, childPid]));
    expect(isAlive(parent.pid)).toBe(false);
    expect(isAlive(childPid)).toBe(false);
  });

  it('finds a marked process whose parent is gone, and stops it by the run id alone', async () => {
    // Under the unit step's own marker, so its sweep would catch anything a failing test left behind.
    const runId = `${process.env[RUN_MARKER] ?? 'spec'}/spec-${process.pid}-${Date.now()}`;
    const { parent, childPid } = await startTree({ [RUN_MARKER]: `${runId}/a-step` });
    parent.kill('SIGKILL');
    await once(parent, 'exit');
    // Orphaned: no tree leads to it any more, only the marker it inherited.
    expect(isAlive(childPid)).toBe(true);
    expect(markedProcesses(runId)).toEqual([childPid]);
    expect(markedProcesses(`${runId}-other`)).toEqual([]);
    await stopProcesses({ runId, graceMs: 2000 });
    expect(isAlive(childPid)).toBe(false);
  });

  it('stops a command that outlives its time limit, with everything it started', async () => {
    const runId = `${process.env[RUN_MARKER] ?? 'spec'}/spec-${process.pid}-${Date.now()}-limit`;
    const outcome = await runMarked(process.execPath, ['-e', TREE_SCRIPT], {
      env: process.env,
      runId,
      timeoutMs: 1000,
      logFile: '/dev/null',
    });
    expect(outcome.timedOut).toBe(true);
    // The child in its own process group carried the marker; nothing carrying it is left.
    expect(markedProcesses(runId)).toEqual([]);
  });

  it('reports how a command that ends by itself ended', async () => {
    const outcome = await runMarked(process.execPath, ['-e', 'process.exit(3)'], {
      env: process.env,
      runId: `spec-${process.pid}-${Date.now()}-exit`,
      logFile: '/dev/null',
      timeoutMs: 60_000,
    });
    expect(outcome).toMatchObject({ code: 3, timedOut: false });
  });
});
