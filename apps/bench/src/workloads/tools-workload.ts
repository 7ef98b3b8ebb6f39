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

export interface ToolsWorkload {
  portScan: {
    seconds: number;
    nmapSeconds: number;
    open: number[];
    nmapOpen: number[];
    same: boolean;
  } | null;
  pathDiscovery: {
    requests: number;
    perSecond: number;
    ffufPerSecond: number;
    hits: string[];
    ffufHits: string[];
    same: boolean;
  } | null;
  launchToFirstLine: { runs: number; p50Ms: number; p99Ms: number; maxMs: number };
}

/** The port scan tool over all 65,535 ports of 127.0.0.1 against `nmap -sT -p- -T5` on the same host. */
async function portScanAgainstNmap(): Promise<ToolsWorkload['portScan']> {
  const started = performance.now();
  const scan = await scanPorts({
    address: '127.0.0.1',
    ports: ALL_PORTS,
    concurrency: 1000,
    timeoutMs: 1500,
    grabBanners: false,
  });
  const ownSeconds = seconds(started);
  const nmapStarted = performance.now();
  const nmap = await run('nmap', ['-sT', '-p-', '-T5', '-n', '-Pn', '--open', '-oX', '-', '127.0.0.1'], {
    maxBuffer: 64 * 1024 * 1024,
  }).catch(() => null);
  if (!nmap) return null;
  const nmapSeconds = seconds(nmapStarted);
  const open = scan.open.map((port) => port.port);
  const nmapOpen = parseNmapXml(nmap.stdout).hosts.flatMap((host) => host.ports.map((port) => port.port));
  return { seconds: ownSeconds, nmapSeconds, open, nmapOpen, same: sameSet(open, nmapOpen) };
}

/** Path discovery and ffuf, the same wordlist and 40 requests in flight, against one local site. */
async function pathDiscoveryAgainstFfuf(): Promise<ToolsWorkload['pathDiscovery']> {
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
  try {
    const started = performance.now();
    const own = await discoverPaths({
      url,
      address: '127.0.0.1',
      words,
      concurrency: 40,
      hideStatus: [[404, 404]],
    });
    const ownSeconds = seconds(started);
    await writeFile(join(dir, 'words.txt'), words.join('\n'));
    const ffufStarted = performance.now();
    const ffuf = await run(
      'ffuf',
      [
        '-u',
        `${url}FUZZ`,
        '-w',
        join(dir, 'words.txt'),
        '-t',
        '40',
        '-fc',
        '404',
        '-of',
        'json',
        '-o',
        join(dir, 'ffuf.json'),
        '-s',
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    ).catch(() => null);
    if (!ffuf) return null;
    const ffufSeconds = seconds(ffufStarted);
    const hits = own.hits.map((hit) => hit.path);
    const ffufHits = parseFfufJson(await readFile(join(dir, 'ffuf.json'), 'utf8')).hits.map(
      (hit) => new URL(hit.url).pathname,
    );
    return {
      requests: own.requests,
      perSecond: own.requests / ownSeconds,
      ffufPerSecond: words.length / ffufSeconds,
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
