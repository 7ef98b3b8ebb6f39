import { type AppConfig, CoreModule, REDIS } from '@huntkit/api/core';
import { CreditsService } from '@huntkit/api/credits';
import { DATABASE_SCHEMA } from '@huntkit/api/database';
import { RunsService, ToolRunsJobsModule, ToolsModule } from '@huntkit/api/tools';
import {
  discoverPaths,
  parseFfufJson,
  parseNmapXml,
  PATH_WORDLISTS,
  runStreamKey,
  scanPorts,
} from '@huntkit/api/tools/benchmarking';
import { EntityManager } from '@mikro-orm/postgresql';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Redis } from 'ioredis';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { insertBenchUsers } from './bench-users';
import { percentile } from './percentile';

const run = promisify(execFile);
const ALL_PORTS = Array.from({ length: 65_535 }, (_, index) => index + 1);
const seconds = (since: number) => (performance.now() - since) / 1000;
const sameSet = (a: readonly (number | string)[], b: readonly (number | string)[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Alternating rounds of each tool and its baseline, after one warm-up round of the tool. */
const ROUNDS = 3;
const median = (values: readonly number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

export interface ToolsWorkload {
  portScan: {
    rounds: number;
    seconds: number;
    nmapSeconds: number;
    /** What nmap itself says it took ("scanned in … seconds"), median of the rounds. */
    nmapOwnSeconds: number | null;
    nmapVersion: string | null;
    open: number[];
    nmapOpen: number[];
    /** Every round found the same open ports as the nmap scan right after it. */
    same: boolean;
    differences: string[];
  } | null;
  pathDiscovery: {
    rounds: number;
    requests: number;
    perSecond: number;
    ffufPerSecond: number;
    /** What ffuf itself printed last as its rate (req/sec), median of the rounds. */
    ffufOwnPerSecond: number | null;
    ffufVersion: string | null;
    hits: string[];
    ffufHits: string[];
    same: boolean;
  } | null;
  launchToFirstLine: { runs: number; p50Ms: number; p99Ms: number; maxMs: number };
}

const versionOf = async (program: string, flag: string, pattern: RegExp) => {
  const answer = await run(program, [flag]).catch((error: { stdout?: string; stderr?: string }) => error);
  return pattern.exec(`${answer.stdout ?? ''}${answer.stderr ?? ''}`)?.[1] ?? null;
};

/**
 * The port scan tool over all 65,535 ports of 127.0.0.1 against `nmap -sT -p- -T5` on the same host,
 * in alternating rounds so both meet the same machine; each round's open sets are compared.
 */
async function portScanAgainstNmap(): Promise<ToolsWorkload['portScan']> {
  const scan = () =>
    scanPorts({
      address: '127.0.0.1',
      ports: ALL_PORTS,
      concurrency: 1000,
      timeoutMs: 1500,
      grabBanners: false,
    });
  const nmapVersion = await versionOf('nmap', '--version', /Nmap version (\S+)/);
  if (!nmapVersion) return null;
  await scan(); // warm-up: a worker process scans many times, so its code is compiled by then
  const own: number[] = [];
  const theirs: number[] = [];
  const theirOwn: number[] = [];
  const differences: string[] = [];
  let open: number[] = [];
  let nmapOpen: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    open = (await scan()).open.map((port) => port.port);
    own.push(seconds(started));
    const nmapStarted = performance.now();
    const nmap = await run('nmap', ['-sT', '-p-', '-T5', '-n', '-Pn', '--open', '-oX', '-', '127.0.0.1'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    theirs.push(seconds(nmapStarted));
    const report = parseNmapXml(nmap.stdout);
    const said = /scanned in ([\d.]+) seconds/.exec(report.summary ?? '')?.[1];
    if (said) theirOwn.push(Number(said));
    nmapOpen = report.hosts.flatMap((host) => host.ports.map((port) => port.port));
    if (!sameSet(open, nmapOpen))
      differences.push(
        `round ${round + 1}: huntkit only ${open.filter((port) => !nmapOpen.includes(port)).join(',') || '-'}, nmap only ${nmapOpen.filter((port) => !open.includes(port)).join(',') || '-'}`,
      );
  }
  return {
    rounds: ROUNDS,
    seconds: median(own),
    nmapSeconds: median(theirs),
    nmapOwnSeconds: theirOwn.length ? median(theirOwn) : null,
    nmapVersion,
    open,
    nmapOpen,
    same: differences.length === 0,
    differences,
  };
}

/** Path discovery and ffuf, the same wordlist and 40 requests in flight, against one local site. */
async function pathDiscoveryAgainstFfuf(): Promise<ToolsWorkload['pathDiscovery']> {
  const ffufVersion = await versionOf('ffuf', '-V', /ffuf version: (\S+)/);
  if (!ffufVersion) return null;
  const words = PATH_WORDLISTS.medium;
  const found = new Set(words.filter((_, index) => index % 97 === 0).map((word) => `/${word}`));
  const server = createServer((request, response) => {
    const hit = found.has(request.url ?? '');
    response.writeHead(hit ? 200 : 404, { 'content-type': 'text/plain' });
    response.end(hit ? 'found\n' : 'nothing here\n');
  });
  server.keepAliveTimeout = 30_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const dir = await mkdtemp(join(tmpdir(), 'huntkit-bench-'));
  const discover = () =>
    discoverPaths({ url, address: '127.0.0.1', words, concurrency: 40, hideStatus: [[404, 404]] });
  try {
    await writeFile(join(dir, 'words.txt'), words.join('\n'));
    await discover(); // warm-up, as for the port scan
    const own: number[] = [];
    const theirs: number[] = [];
    const theirOwn: number[] = [];
    let hits: string[] = [];
    let requests = 0;
    let ffufHits: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      const result = await discover();
      own.push(result.requests / seconds(started));
      hits = result.hits.map((hit) => hit.path);
      requests = result.requests;
      const ffufStarted = performance.now();
      // Not silent: ffuf's progress line (on stderr) carries its own rate.
      const ffuf = await run(
        'ffuf',
        ['-u', `${url}FUZZ`, '-w', join(dir, 'words.txt'), '-t', '40', '-fc', '404'].concat([
          '-of',
          'json',
          '-o',
          join(dir, 'ffuf.json'),
        ]),
        { maxBuffer: 64 * 1024 * 1024 },
      );
      theirs.push(words.length / seconds(ffufStarted));
      const rates = [...ffuf.stderr.matchAll(/(\d+) req\/sec/g)].map((match) => Number(match[1]));
      // A run shorter than ffuf's one-second rate window prints 0: no figure of its own then.
      if (rates.at(-1)) theirOwn.push(rates.at(-1) as number);
      ffufHits = parseFfufJson(await readFile(join(dir, 'ffuf.json'), 'utf8')).hits.map(
        (hit) => new URL(hit.url).pathname,
      );
    }
    return {
      rounds: ROUNDS,
      requests,
      perSecond: median(own),
      ffufPerSecond: median(theirs),
      ffufOwnPerSecond: theirOwn.length ? median(theirOwn) : null,
      ffufVersion,
      hits,
      ffufHits,
      same: sameSet(hits, ffufHits),
    };
  } finally {
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * From the launch (validated, policy-checked, credits reserved, queued) to the first terminal line on the
 * run's Redis stream, through a worker in this process, for `runs` one-port scans one after another.
 */
async function launchLatency(config: AppConfig, runs: number): Promise<ToolsWorkload['launchToFirstLine']> {
  @Module({
    imports: [CoreModule.forRoot(config, DATABASE_SCHEMA, 'worker'), ToolsModule, ToolRunsJobsModule],
  })
  class LatencyModule {}
  const app = await NestFactory.createApplicationContext(LatencyModule, { logger: false });
  await app.init();
  const listener = createServer((_request, response) => response.end());
  listener.listen(0, '127.0.0.1');
  await once(listener, 'listening');
  try {
    const [userId] = (await insertBenchUsers(app.get(EntityManager), 1)) as [string];
    await app
      .get(CreditsService)
      .grant(userId, { kind: 'topup', amount: runs * 10, expiresAt: null, source: `bench:${userId}` });
    const launcher = app.get(RunsService);
    const reader = app.get<Redis>(REDIS).duplicate({ commandTimeout: undefined });
    const port = (listener.address() as AddressInfo).port;
    const latencies: number[] = [];
    for (let index = 0; index < runs; index++) {
      const started = performance.now();
      const { run: launched } = await launcher.launch(userId, 'port-scan', {
        config: { target: '127.0.0.1', ports: String(port), grabBanners: false },
        idempotencyKey: randomUUID(),
      });
      const key = runStreamKey(config.redis.prefix, launched.id);
      let cursor = '0-0';
      let firstLine = false;
      let finished = false;
      while (!finished) {
        const answer = (await reader.xread('BLOCK', 10_000, 'STREAMS', key, cursor)) as
          | [string, [string, string[]][]][]
          | null;
        for (const [id, fields] of answer?.[0]?.[1] ?? []) {
          cursor = id;
          if (!firstLine && fields[1] === 'line') {
            firstLine = true;
            latencies.push(performance.now() - started);
          }
          if (
            fields[1] === 'status' &&
            /"status":"(succeeded|failed|cancelled|timed_out)"/.test(fields[3] ?? '')
          )
            finished = true;
        }
        if (!answer) throw new Error(`run ${launched.id} went silent`);
      }
    }
    reader.disconnect();
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      runs,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      maxMs: sorted.at(-1) as number,
    };
  } finally {
    listener.close();
    await app.close();
  }
}

/** The tools benchmark's workload (`main.js tools [runs]`). */
export async function runToolsWorkload(config: AppConfig, runs: number): Promise<ToolsWorkload> {
  return {
    portScan: await portScanAgainstNmap(),
    pathDiscovery: await pathDiscoveryAgainstFfuf(),
    launchToFirstLine: await launchLatency(config, runs),
  };
}
