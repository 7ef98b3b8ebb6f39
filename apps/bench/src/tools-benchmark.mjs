/**
 * The tools next to the programs hunters know, side by side in one run on the same local targets:
 * the port scan tool over all 65,535 ports of 127.0.0.1 against `nmap -sT -p- -T5` (time ratio, and
 * whether both found the same open ports in each round), path discovery against ffuf with the same
 * wordlist and 40 requests in flight (requests per second ratio, same hits), each in alternating rounds
 * after a warm-up and with the baselines' own figures and versions, and the latency from a launch to the run's
 * first terminal line on its Redis stream (p50, p99) over BENCH_TOOL_RUNS runs.
 *
 * Usage: npm run bench, or: node apps/bench/src/tools-benchmark.mjs (after `npx nx run api:build` and
 *   `npx nx run bench:build`)
 *   BENCH_TOOL_RUNS  runs for the latency figures (default 100)
 *   BENCH_DATABASE_URL, BENCH_REDIS_URL as for health-throughput.mjs
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  API_CLI,
  apiEnvironment,
  assertBuilt,
  BENCH_CLI,
  MIGRATE_TIMEOUT_MS,
  runBench,
  runToCompletion,
} from './lib/harness.mjs';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/huntkit_bench';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUNS = Number(process.env.BENCH_TOOL_RUNS ?? 100);
const WORKLOAD_TIMEOUT_MS = 15 * 60_000;

const fixed = (value, digits = 2) => value.toFixed(digits);

async function main() {
  if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 10_000)
    throw new Error(`BENCH_TOOL_RUNS expects 1 to 10000, got "${process.env.BENCH_TOOL_RUNS}".`);
  assertBuilt(API_CLI, BENCH_CLI);
  const cpu = cpus();
  console.log(`tools against nmap and ffuf, and launch latency (${BENCH_CLI} tools)`);
  console.log(`node ${process.version}, ${cpu.length} x ${cpu[0]?.model.trim() ?? 'unknown CPU'}`);
  console.log(`load average (1 min) at start: ${loadavg()[0].toFixed(2)}\n`);

  const storage = mkdtempSync(join(tmpdir(), 'huntkit-bench-runs-'));
  try {
    const env = apiEnvironment(3999, {
      databaseUrl: DATABASE_URL,
      redisUrl: REDIS_URL,
      extra: { TOOL_TARGETS_ALLOW_PRIVATE: 'true', RUN_STORAGE_DIR: storage, LOG_LEVEL: 'error' },
    });
    await runToCompletion('migrate', [API_CLI, 'migrate'], env, MIGRATE_TIMEOUT_MS);
    const output = await runToCompletion(
      'workload',
      [BENCH_CLI, 'tools', String(RUNS)],
      env,
      WORKLOAD_TIMEOUT_MS,
    );
    const { portScan, pathDiscovery, launchToFirstLine } = JSON.parse(output.trim().split('\n').pop());

    if (portScan) {
      console.log(
        `port scan, all 65,535 TCP ports of 127.0.0.1 (median of ${portScan.rounds} alternating rounds, after a warm-up)`,
      );
      console.log(
        `  huntkit port scan      ${fixed(portScan.seconds)} s   open: ${portScan.open.join(', ')}`,
      );
      console.log(
        `  nmap ${portScan.nmapVersion} -sT -p- -T5 ${fixed(portScan.nmapSeconds)} s (nmap says ${portScan.nmapOwnSeconds === null ? '?' : fixed(portScan.nmapOwnSeconds)} s)   open: ${portScan.nmapOpen.join(', ')}`,
      );
      console.log(`  time ratio (huntkit / nmap): ${fixed(portScan.seconds / portScan.nmapSeconds)}`);
      console.log(
        `  same open ports as nmap, round by round: ${portScan.same ? 'yes' : `NO (${portScan.differences.join('; ')})`}\n`,
      );
    } else console.log('port scan: nmap is not installed, no comparison\n');

    if (pathDiscovery) {
      console.log(
        `path discovery, ${pathDiscovery.requests} requests, 40 in flight, local site (median of ${pathDiscovery.rounds} alternating rounds, after a warm-up)`,
      );
      console.log(
        `  huntkit path discovery ${fixed(pathDiscovery.perSecond, 0)} req/s   hits: ${pathDiscovery.hits.length}`,
      );
      console.log(
        `  ffuf ${pathDiscovery.ffufVersion}             ${fixed(pathDiscovery.ffufPerSecond, 0)} req/s${pathDiscovery.ffufOwnPerSecond ? ` (ffuf says ${pathDiscovery.ffufOwnPerSecond} req/sec)` : ''}   hits: ${pathDiscovery.ffufHits.length}`,
      );
      console.log(
        `  requests per second ratio (huntkit / ffuf): ${fixed(pathDiscovery.perSecond / pathDiscovery.ffufPerSecond)}`,
      );
      console.log(`  same hits: ${pathDiscovery.same ? 'yes' : 'NO'}\n`);
    } else console.log('path discovery: ffuf is not installed, no comparison\n');

    console.log(`launch to first terminal line, ${launchToFirstLine.runs} runs one after another`);
    console.log(
      `  p50 ${fixed(launchToFirstLine.p50Ms, 1)} ms   p99 ${fixed(launchToFirstLine.p99Ms, 1)} ms   max ${fixed(launchToFirstLine.maxMs, 1)} ms`,
    );
  } finally {
    rmSync(storage, { recursive: true, force: true });
  }
}

runBench(main, MIGRATE_TIMEOUT_MS + WORKLOAD_TIMEOUT_MS + 30_000);
