// `npm test` and the quick loops (`npm run test:unit|test:api|test:e2e -- <filter>`).
//
// Needs Postgres and Redis (TEST_DATABASE_URL / TEST_REDIS_URL, default the local servers) and Debian's
// Chromium for the browser tier. Each step runs in a process group of its own, marked so that stopping
// it (a time limit, Ctrl-C, SIGTERM to npm test) stops everything it started. The summary gives each
// step's time and the slowest tests.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { stopProcesses, runMarked } from './processes.mjs';
import { takeRunLock } from './run-lock.mjs';
import { CORES, STEPS, SUITES } from './steps.mjs';
import { formatSeconds, readTimings, slowest } from './timings.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REPORT_DIR = join(ROOT, 'dist/test-reports');
const LOG_DIR = join(REPORT_DIR, 'logs');
const LOCK_FILE = join(ROOT, '.huntkit/test-run.json');

const bold = (text) => (process.stdout.isTTY || process.env.CI ? `\x1b[1m${text}\x1b[0m` : text);
const log = (message) => console.log(`test: ${message}`);

const [suiteArg, ...filters] = process.argv.slice(2);
const suite = suiteArg ?? 'all';
if (!SUITES[suite]) {
  console.error(`test: unknown suite '${suite}'; expected one of ${Object.keys(SUITES).join(', ')}`);
  process.exit(2);
}

/** HUNTKIT_TEST_STEP_TIMEOUT_SECONDS replaces every step's own limit (e.g. to try what a timeout does). */
const timeoutOverrideMs = Number(process.env.HUNTKIT_TEST_STEP_TIMEOUT_SECONDS ?? 0) * 1000;

const runId = randomUUID();
const env = {
  ...process.env,
  NX_DAEMON: 'false',
  // The migration check runs the real CLI, which validates a full configuration.
  DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/huntkit_ci',
  REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  APP_URL: 'http://127.0.0.1:3000',
  APP_SECRET: 'ci-only-secret-for-the-migration-check-0123456789',
  HUNTKIT_TEST_REPORT_DIR: REPORT_DIR,
  HUNTKIT_TEST_CORES: String(CORES),
};

const results = [];
const running = new Map(); // step run id -> { child, name, started } of the steps running now
let interrupted = false;
const startedAt = Date.now();

function printSummary() {
  console.log(`\n${bold('Summary')} (${formatSeconds(Date.now() - startedAt)} in all, ${CORES} cores)`);
  for (const { name, ok, ms, note } of results)
    console.log(`  ${ok ? '✔' : '✘'} ${name} (${formatSeconds(ms)})${note ? `: ${note}` : ''}`);
  const timings = readTimings(REPORT_DIR);
  for (const [kind, title, count] of [
    ['jest', 'Slowest Jest tests', 10],
    ['jest-file', 'Slowest Jest files (their set-up included)', 5],
    ['browser', 'Slowest browser tests', 10],
  ]) {
    const lines = slowest(timings, kind, count);
    if (lines.length > 0) console.log(`\n${bold(title)}\n${lines.join('\n')}`);
  }
  const failed = results.filter((result) => !result.ok).length;
  const skipped = SUITES[suite].flat().length - results.length;
  // The plain closing line CI reads: steps, not tests (each runner printed its own counts above).
  console.log(
    `\nsteps: ${results.length - failed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`,
  );
  return failed;
}

/** Stops whatever runs, prints the summary and exits; the main loop starts nothing once it began. */
async function interrupt(signal) {
  if (interrupted) return;
  interrupted = true;
  log(`${signal}: stopping the running steps and everything they started`);
  const stopped = [...running];
  await Promise.all(
    stopped.map(([stepRunId, { child }]) =>
      stopProcesses({
        // A child that has exited may have its pid reused by now: then only its marker is followed.
        rootPid: child.exitCode === null && child.signalCode === null ? child.pid : undefined,
        runId: stepRunId,
      }),
    ),
  );
  await stopProcesses({ runId });
  for (const [, { name, started }] of stopped)
    results.push({ name, ok: false, ms: Date.now() - started, note: `stopped by ${signal}` });
  if (existsSync(LOG_DIR)) log(`the output of the steps that ran side by side is in ${LOG_DIR}`);
  releaseLock?.();
  printSummary();
  process.exit(signal === 'SIGINT' ? 130 : 143);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void interrupt(signal));
// The npm scripts `exec` this runner, so a SIGTERM to `npm test` reaches it; should npm itself die
// without passing one on, the runner notices it was orphaned and stops all the same.
const parentPid = process.ppid;
setInterval(() => process.ppid !== parentPid && void interrupt('its parent process ended'), 500).unref();

let releaseLock;
try {
  releaseLock = await takeRunLock(LOCK_FILE, runId, log);
} catch (error) {
  console.error(`test: ${error.message}`);
  process.exit(1);
}
rmSync(REPORT_DIR, { recursive: true, force: true });

/**
 * Runs one step and records its result. With `logFile`, its output goes there (steps that run side by
 * side would interleave theirs) and is printed in one block when it ends.
 */
async function runStep(id, logFile) {
  const step = STEPS[id];
  const timeoutMs = timeoutOverrideMs || step.timeoutMs;
  const [command, ...args] = step.command;
  const stepRunId = `${runId}/${id}`;
  const started = Date.now();
  const outcome = await runMarked(command, [...args, ...(step.takesFilter ? filters : [])], {
    env,
    runId: stepRunId,
    timeoutMs,
    logFile,
    onStart: (child) => running.set(stepRunId, { child, name: step.name, started }),
  });
  // A step leaves nothing running: whatever it started and did not stop goes now.
  const leftovers = await stopProcesses({ runId: stepRunId });
  running.delete(stepRunId);
  if (interrupted) return false; // interrupt() reports the steps it stopped
  const ms = Date.now() - started;
  const ok = outcome.code === 0 && !outcome.timedOut;
  const note = outcome.timedOut
    ? `stopped after its ${formatSeconds(timeoutMs)} limit, with everything it started`
    : outcome.error
      ? outcome.error.message
      : leftovers.length > 0
        ? `left ${leftovers.length} processes running, now stopped`
        : undefined;
  if (logFile) {
    console.log(`\n${bold(`${ok ? '✔' : '✘'} ${step.name}`)} (${formatSeconds(ms)})`);
    process.stdout.write(readFileSync(logFile, 'utf8'));
  }
  if (note) console.error(`${ok ? '!' : '✘'} ${step.name}: ${note}`);
  results.push({ name: step.name, ok, ms, note });
  return ok;
}

for (const entry of SUITES[suite]) {
  if (interrupted) break;
  let ok;
  if (Array.isArray(entry)) {
    console.log(`\n${bold(`▶ ${entry.map((id) => STEPS[id].name).join(' ‖ ')}`)} (side by side)`);
    mkdirSync(LOG_DIR, { recursive: true });
    const outcomes = await Promise.all(entry.map((id) => runStep(id, join(LOG_DIR, `${id}.log`))));
    ok = outcomes.every(Boolean);
  } else {
    console.log(`\n${bold(`▶ ${STEPS[entry].name}`)}`);
    ok = await runStep(entry);
  }
  if (!ok || interrupted) break; // later steps build on earlier ones
}

// An interrupted run ends in interrupt(), with its own exit code, once its stop is complete.
if (!interrupted) {
  releaseLock();
  process.exit(printSummary() ? 1 : 0);
}
