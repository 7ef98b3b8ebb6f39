import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { setTimeout as delay } from 'node:timers/promises';
import { ansi } from './terminal-style';

export interface RunProgramOptions {
  /** The run's own folder: the program's working directory and HOME, so its files stay with the run. */
  cwd: string;
  /** Aborting stops the program and everything it started. */
  signal: AbortSignal;
  /** Each output line (stderr dimmed), without the newline. */
  print(line: string): void;
  /** Added to a minimal environment: the worker's own variables (database, keys…) never reach a tool. */
  env?: Record<string, string>;
  /** Between SIGTERM and SIGKILL, for programs that save their output on SIGTERM (default 2 s). */
  killGraceMs?: number;
  /** Told the process id, which is also the id of the program's own process group. */
  onSpawn?(pid: number): void;
}

export interface ProgramExit {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Stopped by the abort signal (or never started because it was already aborted). */
  aborted: boolean;
}

/** How long the group may take to disappear once killed: orphaned zombies wait for init to reap them. */
const REAP_WAIT_MS = 5000;
const POLL_MS = 25;
const MAX_LINE = 65_536;
const ESC = String.fromCharCode(27);
/** Cursor and erase sequences mean nothing in a log line; colours (`…m`) are kept. */
const CURSOR_CONTROL = new RegExp(`${ESC}\\[[0-9;?]*[A-Za-ln-z]`, 'g');
const LINE = /([^\r\n]*)(\r\n|\n|\r)/g;

/**
 * Splits a stream into lines. A bare `\r` ends a line too (progress meters redraw with it), but an empty
 * redraw is dropped so `\r\x1b[2K` prefixes do not print blank lines.
 */
function lineSplitter(emit: (line: string) => void) {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const send = (raw: string, endedByCr: boolean) => {
    const line = raw.replace(CURSOR_CONTROL, '');
    if (line || !endedByCr) emit(line);
  };
  return {
    write(chunk: Buffer) {
      let text = pending + decoder.write(chunk);
      // A `\r` at the end may be the first half of `\r\n`: decide with the next chunk.
      const held = text.endsWith('\r') ? '\r' : '';
      if (held) text = text.slice(0, -1);
      let consumed = 0;
      for (const match of text.matchAll(LINE)) {
        send(match[1] ?? '', match[2] === '\r');
        consumed = (match.index ?? 0) + match[0].length;
      }
      pending = text.slice(consumed) + held;
      if (pending.length > MAX_LINE) {
        send(pending, false);
        pending = '';
      }
    },
    end() {
      const rest = (pending + decoder.end()).replace(/\r$/, '');
      if (rest) send(rest, false);
      pending = '';
    },
  };
}

/** The command as a person would type it, for the terminal (never executed: there is no shell). */
export function commandLine(program: string, args: readonly string[]): string {
  const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`);
  return [program, ...args].map(quote).join(' ');
}

/** Whether any process of the group still exists (EPERM: it exists but is not ours to signal). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

async function waitGone(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (groupAlive(pgid)) {
    if (Date.now() >= deadline) return false;
    await delay(POLL_MS);
  }
  return true;
}

/**
 * Runs an installed program without a shell, in its own process group, streaming its output as lines.
 * On abort, and when the program exits leaving helpers behind, the whole group gets SIGTERM, then SIGKILL
 * after the grace; the promise settles once no process of the group is left, so nothing outlives a run.
 */
export async function runProgram(
  program: string,
  args: readonly string[],
  options: RunProgramOptions,
): Promise<ProgramExit> {
  if (options.signal.aborted) return { exitCode: null, signal: null, aborted: true };
  for (const arg of args)
    if (typeof arg !== 'string' || arg.includes('\0'))
      throw new Error(`Refusing argument ${JSON.stringify(arg)}.`);
  const child = spawn(program, args, {
    cwd: options.cwd,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: options.cwd, LANG: 'C.UTF-8', ...options.env },
    detached: true,
    shell: false,
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once('exit', (code, signal) => resolve([code, signal])),
  );
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error(`${program} is not installed on this worker.`) : error),
    );
  });
  const pgid = child.pid as number;
  options.onSpawn?.(pgid);

  const out = lineSplitter((line) => options.print(line));
  const err = lineSplitter((line) => options.print(ansi.dim(line)));
  child.stdout.on('data', (chunk: Buffer) => out.write(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.write(chunk));

  let stopping: Promise<void> | null = null;
  const stopGroup = () =>
    (stopping ??= (async () => {
      if (!groupAlive(pgid)) return;
      signalGroup(pgid, 'SIGTERM');
      if (await waitGone(pgid, options.killGraceMs ?? 2000)) return;
      signalGroup(pgid, 'SIGKILL');
      await waitGone(pgid, REAP_WAIT_MS);
    })());
  const onAbort = () => void stopGroup();
  options.signal.addEventListener('abort', onAbort, { once: true });
  if (options.signal.aborted) onAbort();

  try {
    const [exitCode, signal] = await exited;
    // Whatever the program started in its group must not outlive it.
    await stopGroup();
    // Output pipes close with the group; a process that escaped into its own session may hold them open.
    await Promise.race([closed, delay(500)]);
    child.stdout.destroy();
    child.stderr.destroy();
    out.end();
    err.end();
    return { exitCode, signal, aborted: options.signal.aborted };
  } finally {
    options.signal.removeEventListener('abort', onAbort);
  }
}
