/**
 * Fault scenarios with real processes: Redis and Postgres restarted under the built API and worker
 * (dist/apps/{api,worker}/main.js), each on private servers started here so the machine's shared
 * ones are never touched. Prints what each scenario measured and whether its invariants held; exits
 * 1 when one did not (a broken invariant is a bug, not a slow machine).
 *
 * Usage: npm run bench:faults, or: node apps/bench/src/faults.mjs [scenario…] [--json]
 *   (after `npx nx run-many -t build -p api worker`)
 *   scenarios: redis-restart, postgres-restart, postgres-crash (default: all)
 *   --json           one JSON line per scenario instead of the table (the API e2e suite reads it)
 *   BENCH_OUTAGE_MS  how long each dependency stays down (default 3000)
 */
import { cpus, loadavg } from 'node:os';
import { API_CLI, API_MAIN, assertBuilt, killAll, runBench } from './lib/harness.mjs';
import { startFaultStack, stopFaultStack, WORKER_MAIN } from './lib/fault-stack.mjs';
import { OUTAGE_MS, SCENARIOS } from './lib/fault-scenarios.mjs';
import { destroyAll, destroyAllNow } from './lib/private-services.mjs';

const SCENARIO_BUDGET_MS = 150_000; // apps/api/test/faults-restarts.e2e-spec.ts allows a little more
const args = process.argv.slice(2);
const json = args.includes('--json');
const names = args.filter((arg) => !arg.startsWith('--'));
const chosen = names.length ? names : Object.keys(SCENARIOS);

function printRows(results) {
  const columns = ['scenario', 'measured', 'figure', 'invariant'];
  const rows = results.flatMap(({ name, rows: scenarioRows, error }) =>
    error
      ? [[name, 'scenario failed to run', '–', `FAIL: ${error}`]]
      : scenarioRows.map((r) => [
          name,
          r.measured,
          r.figure,
          r.pass ? 'pass' : `FAIL${r.detail ? `: ${r.detail}` : ''}`,
        ]),
  );
  const widths = columns.map((column, i) =>
    Math.max(column.length, ...rows.map((cells) => Math.min(cells[i].length, 60))),
  );
  const line = (cells) => cells.map((cell, i) => (i === 3 ? cell : cell.padEnd(widths[i]))).join('  ');
  console.log(line(columns));
  for (const cells of rows) console.log(line(cells));
}

async function runScenario(name) {
  const scenario = SCENARIOS[name];
  const started = performance.now();
  const stack = await startFaultStack({ env: scenario.env });
  try {
    const rows = await scenario.run(stack);
    return { name, title: scenario.title, seconds: (performance.now() - started) / 1000, rows };
  } catch (error) {
    return {
      name,
      title: scenario.title,
      seconds: (performance.now() - started) / 1000,
      error: error.message,
    };
  } finally {
    await stopFaultStack(stack);
  }
}

async function main() {
  const unknown = chosen.filter((name) => !SCENARIOS[name]);
  if (unknown.length)
    throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`);
  assertBuilt(API_MAIN, API_CLI);
  assertBuilt(WORKER_MAIN);
  if (!json) {
    const cpu = cpus();
    console.log(
      `fault scenarios on private Redis and Postgres, each kept down ${OUTAGE_MS} ms (built api and worker)`,
    );
    console.log(
      `node ${process.version}, ${cpu.length} x ${cpu[0]?.model.trim() ?? 'unknown CPU'}, load average (1 min) ${loadavg()[0].toFixed(2)}\n`,
    );
  }
  const results = [];
  try {
    for (const name of chosen) {
      const result = await runScenario(name);
      results.push(result);
      if (json) console.log(JSON.stringify(result));
    }
  } finally {
    await destroyAll();
  }
  if (!json) {
    printRows(results);
    console.log(`\n${results.map((r) => `${r.name} ${r.seconds.toFixed(1)} s`).join(', ')}`);
  }
  if (results.some((r) => r.error || r.rows.some((cells) => !cells.pass))) process.exitCode = 1;
}

// A watchdog exit cannot wait for promises: the private servers are killed synchronously too.
process.once('exit', destroyAllNow);
runBench(
  () =>
    main().then(() => {
      if (process.exitCode) {
        killAll();
        process.exit(process.exitCode);
      }
    }),
  SCENARIO_BUDGET_MS * chosen.length,
);
