import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandLine, runProgram } from './program';

/** Whether any process of the group is left: `kill(-pgid, 0)` fails with ESRCH once all are gone. */
function groupGone(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

describe('runProgram', () => {
  let workDir: string;
  const started: number[] = [];
  beforeAll(() => (workDir = mkdtempSync(join(tmpdir(), 'huntkit-program-'))));
  afterAll(() => {
    // Never leave a fixture behind, even when an assertion failed half-way.
    for (const pgid of started) if (!groupGone(pgid)) process.kill(-pgid, 'SIGKILL');
    rmSync(workDir, { recursive: true, force: true });
  });

  /** Runs a child-tree fixture and aborts it once it printed `ready`. */
  async function abortWhenReady(script: string, killGraceMs: number) {
    const controller = new AbortController();
    const lines: string[] = [];
    let pgid = 0;
    const begin = Date.now();
    const exit = await runProgram('sh', ['-c', script], {
      cwd: workDir,
      signal: controller.signal,
      killGraceMs,
      onSpawn: (pid) => started.push((pgid = pid)),
      print: (line) => {
        lines.push(line);
        if (line === 'ready') controller.abort();
      },
    });
    return { exit, lines, pgid, ms: Date.now() - begin };
  }

  it('streams stdout and dimmed stderr as lines, without a shell, and reports the exit code', async () => {
    const lines: string[] = [];
    const script = [
      "process.stdout.write('one\\ntw')",
      "setTimeout(() => { process.stdout.write('o\\r\\n\\r\\x1b[2K50%\\r\\x1b[2K100%\\n' + process.argv[1] + '\\n');",
      "process.stderr.write('careful\\n'); require('fs').writeFileSync('out.txt', process.env.HOME + ' ' + (process.env.SECRET ?? 'none') + ' ' + process.env.EXTRA); process.exitCode = 3 }, 50)",
    ].join('\n');
    process.env['SECRET'] = 'worker-only';
    try {
      const exit = await runProgram(process.execPath, ['-e', script, '$(touch pwned); echo `id`'], {
        cwd: workDir,
        signal: new AbortController().signal,
        env: { EXTRA: 'given' },
        print: (line) => lines.push(line),
      });
      expect(exit).toEqual({ exitCode: 3, signal: null, aborted: false });
    } finally {
      delete process.env['SECRET'];
    }
    expect(lines.filter((line) => !line.startsWith('\x1b[2m'))).toEqual([
      'one',
      'two',
      '50%',
      '100%',
      '$(touch pwned); echo `id`',
    ]);
    expect(lines).toContain('\x1b[2mcareful\x1b[22m');
    expect(readFileSync(join(workDir, 'out.txt'), 'utf8')).toBe(`${workDir} none given`);
    expect(existsSync(join(workDir, 'pwned'))).toBe(false);
  });

  it.concurrent('kills the whole process group on abort and settles only when it is gone', async () => {
    const { exit, pgid, ms } = await abortWhenReady('sleep 30 & sleep 30 & echo ready; wait', 1000);
    expect(exit).toEqual({ exitCode: null, signal: 'SIGTERM', aborted: true });
    expect(groupGone(pgid)).toBe(true);
    expect(ms).toBeLessThan(8000);
  });

  it.concurrent('escalates to SIGKILL for a group that ignores SIGTERM', async () => {
    const { exit, pgid, ms } = await abortWhenReady(
      "trap '' TERM; sleep 30 & sleep 30 & echo ready; wait",
      300,
    );
    expect(exit).toEqual({ exitCode: null, signal: 'SIGKILL', aborted: true });
    expect(groupGone(pgid)).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(300);
  });

  it.concurrent('stops helpers a finished program left running in its group', async () => {
    let pgid = 0;
    const lines: string[] = [];
    const begin = Date.now();
    const exit = await runProgram('sh', ['-c', 'sleep 30 & echo done'], {
      cwd: workDir,
      signal: new AbortController().signal,
      onSpawn: (pid) => started.push((pgid = pid)),
      print: (line) => lines.push(line),
    });
    expect(exit).toEqual({ exitCode: 0, signal: null, aborted: false });
    expect(lines).toEqual(['done']);
    expect(groupGone(pgid)).toBe(true);
    expect(Date.now() - begin).toBeLessThan(8000);
  });

  it('shows the command quoted as a person would type it', () => {
    expect(commandLine('ffuf', ['-H', 'Host: a.test', '-w', '/r/w.txt', '-p', "it's"])).toBe(
      "ffuf -H 'Host: a.test' -w /r/w.txt -p 'it'\\''s'",
    );
  });

  it('does not start when already aborted, and says when the program is missing', async () => {
    const controller = new AbortController();
    controller.abort();
    const spawned: number[] = [];
    await expect(
      runProgram('sleep', ['30'], {
        cwd: workDir,
        signal: controller.signal,
        print: () => undefined,
        onSpawn: (pid) => spawned.push(pid),
      }),
    ).resolves.toEqual({ exitCode: null, signal: null, aborted: true });
    expect(spawned).toEqual([]);
    await expect(
      runProgram('huntkit-no-such-program', [], {
        cwd: workDir,
        signal: new AbortController().signal,
        print: () => undefined,
      }),
    ).rejects.toThrow('huntkit-no-such-program is not installed');
  });
});
