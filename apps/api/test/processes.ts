import type { AppConfig } from '@huntkit/api/core';
import { STATE_WAIT_MS } from '@huntkit/api/core/testing';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunningProcess {
  /** The process id, e.g. to tell which worker a run's `worker` column names. */
  pid: number;
  kill(signal?: NodeJS.Signals): void;
  finished: Promise<Finished>;
  output(): string;
  waitForLog(message: string, timeoutMs?: number): Promise<void>;
}

/**
 * Runs a built app as production does (node dist/apps/<app>/main.js, or another entry such as the
 * API's cli.js with its arguments) with exactly the given env.
 */
export function startBuilt(
  app: 'api' | 'worker',
  env: Record<string, string>,
  { entry = 'main', args = [] }: { entry?: string; args?: string[] } = {},
): RunningProcess {
  const main = join(__dirname, `../../../dist/apps/${app}/${entry}.js`);
  const child = spawn(process.execPath, [main, ...args], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const finished = once(child, 'exit').then(([code]) => ({ code: code as number | null, stdout, stderr }));
  return {
    pid: child.pid ?? 0,
    kill: (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
    },
    finished,
    output: () => stdout,
    async waitForLog(message, timeoutMs = STATE_WAIT_MS) {
      const deadline = performance.now() + timeoutMs; // not Date, which a test may have frozen
      while (!stdout.includes(message)) {
        if (child.exitCode !== null) throw new Error(`${app} exited (${child.exitCode}): ${stderr}`);
        if (performance.now() > deadline) {
          child.kill('SIGKILL');
          throw new Error(`${app} did not log "${message}" within ${timeoutMs} ms`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** Runs the built CLI (node dist/apps/api/cli.js …) to its end with exactly the given env. */
export function runCli(args: string[], env: Record<string, string>): Promise<Finished> {
  return startBuilt('api', env, { entry: 'cli', args }).finished;
}

/** The environment that reproduces a test AppConfig in a child process. */
export function envFor(config: AppConfig, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: config.env,
    APP_URL: config.appUrl,
    DATABASE_URL: config.database.url,
    REDIS_URL: config.redis.url,
    REDIS_PREFIX: config.redis.prefix,
    APP_SECRET: config.secrets.app,
    LOG_LEVEL: 'info',
    ...extra,
  };
}

export { freePort } from '@huntkit/api/core/testing';
