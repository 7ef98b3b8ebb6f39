import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

/**
 * Redis and Postgres restarted under the built API and worker. The scenarios live in one place, the
 * fault benchmark (apps/bench/src/faults.mjs, which starts private servers so the shared ones are
 * never touched); this suite runs them and holds every measured row to its bound.
 */
interface Row {
  measured: string;
  figure: string;
  pass: boolean;
  detail: string;
}
interface ScenarioResult {
  name: string;
  seconds: number;
  rows?: Row[];
  error?: string;
}

const FAULTS = join(__dirname, '../../bench/src/faults.mjs');
/** The benchmark's own budget per scenario, plus the time to start and stop its servers. */
const SCENARIO_TIMEOUT_MS = 170_000;

async function runScenario(name: string): Promise<ScenarioResult> {
  const child = spawn(process.execPath, [FAULTS, name, '--json'], {
    // The test run's marker goes along, so a run stopped early stops the benchmark's servers too.
    env: { PATH: process.env['PATH'] ?? '', HUNTKIT_TEST_RUN: process.env['HUNTKIT_TEST_RUN'] ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await once(child, 'exit');
  const line = stdout.trim().split('\n').pop() ?? '';
  if (!line.startsWith('{')) throw new Error(`faults.mjs ${name} printed no result:\n${stdout}\n${stderr}`);
  return JSON.parse(line) as ScenarioResult;
}

/** Rows that broke their bound, as readable lines: a failure quotes what was measured. */
const failures = (result: ScenarioResult) =>
  result.error
    ? [`scenario failed to run: ${result.error}`]
    : (result.rows ?? [])
        .filter((row) => !row.pass)
        .map((row) => `${row.measured}: ${row.figure} ${row.detail}`);

describe('dependencies restarted under the built API and worker', () => {
  it(
    'Redis restarted empty mid-run: quick 503s, recovery by itself, the live terminal resumes with no line lost or doubled',
    async () => {
      const result = await runScenario('redis-restart');
      expect(failures(result)).toEqual([]);
      expect(result.rows?.map((row) => row.measured)).toEqual(
        expect.arrayContaining([
          'lines seen = run log (none lost or doubled)',
          'no run left queued or running',
        ]),
      );
    },
    SCENARIO_TIMEOUT_MS,
  );

  it.each([
    ['postgres-restart', 'stopped (pg_ctl stop -m fast)'],
    ['postgres-crash', 'crashed (pg_ctl stop -m immediate)'],
  ])(
    '%s: Postgres %s with runs in flight: quick 503s, recovery by itself, every run recorded',
    async (scenario) => {
      const result = await runScenario(scenario);
      expect(failures(result)).toEqual([]);
      expect(result.rows?.map((row) => row.measured)).toEqual(
        expect.arrayContaining([
          'a run that ended during the outage is recorded',
          'credits:check clean (exit 0)',
        ]),
      );
    },
    SCENARIO_TIMEOUT_MS,
  );
});
