// What `npm test` runs, and the smaller suites developers loop on. Each step is one command; the runner
// (run.mjs) gives each its own process group, a time limit, and its place in the summary.
import { availableParallelism } from 'node:os';

/** Parallelism comes from the machine: each step runs as many workers as there are cores. */
export const CORES = Math.max(1, availableParallelism());

// Nx keeps a machine-wide cache (~/.nx); CI proves every task from scratch instead of replaying it.
const nx = (...args) => [
  'npx',
  'nx',
  ...args,
  `--parallel=${CORES}`,
  '--output-style=static',
  ...(process.env.CI ? ['--skip-nx-cache'] : []),
];

const minutes = (count) => count * 60_000;

/** The quick loops build only what their tests start, and reuse Nx's cache when nothing changed. */
const quickBuild = (name, ...projects) => ({
  name,
  command: ['npx', 'nx', 'run-many', '-t', 'build', '-p', ...projects, '--output-style=static'],
  timeoutMs: minutes(10),
});

/**
 * The steps, in the order that fails fastest. `timeoutMs` is sized for a slow, busy two-core machine
 * (several times what the step takes on an idle one); `takesFilter` steps get a suite's filter.
 */
export const STEPS = {
  format: {
    name: 'formatting (Prettier)',
    command: ['npx', 'prettier', '--check', '.', '--log-level', 'warn'],
    timeoutMs: minutes(5),
  },
  // One ESLint run over the repository (the same flat config every project's `lint` target uses), its
  // type-aware rules reading one program of every file (tsconfig.eslint.json); beside the type checks.
  lint: {
    name: 'lint (ESLint)',
    command: ['npx', 'eslint', '.'],
    timeoutMs: minutes(15),
  },
  typecheck: {
    name: 'type checks (tsc, ngc)',
    command: ['node', 'tools/typecheck.mjs'],
    timeoutMs: minutes(15),
  },
  unit: {
    name: 'unit and integration tests (real Postgres and Redis)',
    // One Jest process for every project (jest.config.cjs lists them), sharing one pool of workers.
    command: ['npx', 'jest', '-c', 'jest.config.cjs', `--maxWorkers=${CORES}`],
    timeoutMs: minutes(15),
    takesFilter: true,
  },
  // Not the benchmarks' bundle: nothing in the suite runs it, and type checks and lint already cover
  // its sources; `npm run bench` builds it.
  build: {
    name: 'production builds',
    command: nx('run-many', '-t', 'build', '--exclude=bench'),
    timeoutMs: minutes(10),
  },
  buildServer: quickBuild('builds of the API and worker', 'api', 'worker'),
  buildStack: quickBuild('builds of the API, worker and web app', 'api', 'worker', 'web'),
  migrations: {
    name: 'migrations match the entities',
    command: ['node', 'dist/apps/api/cli.js', 'migration:check'],
    timeoutMs: minutes(3),
  },
  openapi: {
    name: 'OpenAPI spec and generated client are current',
    command: ['node', 'tools/openapi/check.mjs'],
    timeoutMs: minutes(3),
  },
  // Jest and Playwright run straight on what the build step made: through Nx they would build again.
  apiE2e: {
    name: 'API end-to-end (HTTP, Postgres, Redis, worker)',
    command: ['npx', 'jest', '-c', 'apps/api/jest.e2e.config.cjs'],
    timeoutMs: minutes(15),
    takesFilter: true,
  },
  browser: {
    name: 'browser end-to-end (Playwright, Chromium, axe)',
    command: ['npx', 'playwright', 'test', '-c', 'apps/web-e2e/playwright.config.ts'],
    timeoutMs: minutes(30),
    takesFilter: true,
  },
  compose: {
    name: 'docker compose file is valid',
    command: ['node', 'tools/docker/check-compose.mjs'],
    timeoutMs: minutes(2),
  },
};

/**
 * `npm test` runs `all`; `npm run test:<suite> -- <filter>` runs one suite, filtered. Steps in an inner
 * list run side by side (their output is shown in one block each as they end).
 */
export const SUITES = {
  all: [
    'format',
    ['lint', 'typecheck'],
    'unit',
    'build',
    'migrations',
    'openapi',
    'apiE2e',
    'browser',
    'compose',
  ],
  unit: ['unit'],
  api: ['buildServer', 'apiE2e'],
  e2e: ['buildStack', 'browser'],
};
