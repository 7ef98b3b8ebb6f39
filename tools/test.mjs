// `npm test`: every check the project has, in the order that fails fastest. Needs Postgres and Redis
// (TEST_DATABASE_URL / TEST_REDIS_URL, default the local servers) and Debian's Chromium for the browser tier.
import { spawnSync } from 'node:child_process';

const env = {
  ...process.env,
  NX_DAEMON: 'false',
  // The migration check runs the real CLI, which validates a full configuration.
  DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/huntkit_ci',
  REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  APP_URL: 'http://127.0.0.1:3000',
  APP_SECRET: 'ci-only-secret-for-the-migration-check-0123456789',
};

const steps = [
  ['formatting (Prettier)', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']],
  ['lint and type checks', 'npx', ['nx', 'run-many', '-t', 'lint', 'typecheck']],
  ['unit and integration tests (real Postgres and Redis)', 'npx', ['nx', 'run-many', '-t', 'test']],
  ['production builds', 'npx', ['nx', 'run-many', '-t', 'build']],
  ['migrations match the entities', 'node', ['dist/apps/api/cli.js', 'migration:check']],
  ['OpenAPI spec and generated client are current', 'node', ['tools/openapi/check.mjs']],
  ['API end-to-end (HTTP, Postgres, Redis, worker)', 'npx', ['nx', 'run', 'api:e2e']],
  ['browser end-to-end (Playwright, Chromium, axe)', 'npx', ['nx', 'run', 'web-e2e:e2e']],
  ['docker compose file is valid', 'node', ['tools/docker/check-compose.mjs']],
];

// Nx keeps a machine-wide cache (~/.nx); CI proves every task from scratch instead of replaying it.
const nxFlags = ['--output-style=static', ...(process.env.CI ? ['--skip-nx-cache'] : [])];

const STEP_TIMEOUT_MS = 12 * 60 * 1000;

const results = [];
for (const [name, command, args] of steps) {
  console.log(`\n\x1b[1m▶ ${name}\x1b[0m`);
  const started = Date.now();
  const { status, error } = spawnSync(command, [...args, ...(args[0] === 'nx' ? nxFlags : [])], {
    stdio: 'inherit',
    env,
    // A step that hangs (a leaked handle, a stuck server) must fail the run, not eat CI's time budget.
    timeout: STEP_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (error)
    console.error(
      `✘ ${name}: ${error.message.includes('ETIMEDOUT') ? `no result within ${STEP_TIMEOUT_MS / 60000} minutes` : error.message}`,
    );
  results.push({ name, ok: status === 0, seconds });
  if (status !== 0) break; // later steps build on earlier ones
}

console.log('\nSummary');
for (const { name, ok, seconds } of results) console.log(`  ${ok ? '✔' : '✘'} ${name} (${seconds} s)`);
const failed = results.filter((r) => !r.ok).length;
const skipped = steps.length - results.length;
console.log(
  `steps: ${results.length - failed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
process.exit(failed ? 1 : 0);
