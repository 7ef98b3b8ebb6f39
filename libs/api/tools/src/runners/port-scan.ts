import { parsePortList } from './port-list';
import { probeOnThreads, threadsFor } from './port-probes';
import type { RunResult, ToolRunner } from './runner';
import { ansi } from './terminal-style';

export interface OpenPort {
  port: number;
  banner: string | null;
  service: string | null;
}

export interface PortScanResult {
  open: OpenPort[];
  closed: number;
  filtered: number;
}

export interface PortScanOptions {
  /** An IP address that already passed the target policy: the scan connects to exactly this. */
  address: string;
  ports: readonly number[];
  concurrency: number;
  timeoutMs: number;
  grabBanners: boolean;
  signal?: AbortSignal;
  /** Called as each open port is found, for the live terminal. */
  onOpen?: (port: OpenPort) => void;
}

const WELL_KNOWN: Record<number, string> = {
  21: 'ftp',
  22: 'ssh',
  23: 'telnet',
  25: 'smtp',
  53: 'dns',
  80: 'http',
  110: 'pop3',
  143: 'imap',
  443: 'https',
  445: 'smb',
  465: 'smtps',
  587: 'submission',
  993: 'imaps',
  995: 'pop3s',
  1433: 'mssql',
  3306: 'mysql',
  3389: 'rdp',
  5432: 'postgresql',
  5672: 'amqp',
  5900: 'vnc',
  6379: 'redis',
  8080: 'http-alt',
  8443: 'https-alt',
  9200: 'elasticsearch',
  11211: 'memcached',
  27017: 'mongodb',
};

const BANNER_SIGNS: [RegExp, string][] = [
  [/^SSH-/, 'ssh'],
  [/^HTTP\/\d/, 'http'],
  [/^220[ -].*\bFTP\b/i, 'ftp'],
  [/^220[ -].*\b(E?SMTP|mail)\b/i, 'smtp'],
  [/^\+OK/, 'pop3'],
  [/^\* OK/, 'imap'],
  [/^-ERR|^\+PONG|redis/i, 'redis'],
  [/^RFB \d/, 'vnc'],
  [/mysql|MariaDB/i, 'mysql'],
];

/** What a port probably runs: its banner's say first, then the port's usual service. */
export function guessService(port: number, banner: string | null): string | null {
  for (const [sign, service] of BANNER_SIGNS) if (banner && sign.test(banner)) return service;
  return WELL_KNOWN[port] ?? null;
}

/**
 * How long an open port gets to introduce itself. Services that speak first (SSH, SMTP, FTP) answer at
 * once and end the wait; 700 ms missed them on a busy worker, so this is nearer nmap's NULL probe.
 */
const BANNER_WAIT_MS = 3000;

/**
 * TCP connect scan with a fixed number of connections in flight, spread over a few threads for large
 * scans (`threads` overrides how many); stops early when aborted.
 */
export async function scanPorts(options: PortScanOptions & { threads?: number }): Promise<PortScanResult> {
  const open: OpenPort[] = [];
  const { closed, filtered } = await probeOnThreads(
    {
      address: options.address,
      ports: [...options.ports],
      concurrency: Math.min(options.concurrency, options.ports.length),
      timeoutMs: options.timeoutMs,
      grabBanners: options.grabBanners,
      bannerWaitMs: BANNER_WAIT_MS,
    },
    options.threads ?? threadsFor(options.ports.length),
    (port, banner) => {
      const found = { port, banner, service: guessService(port, banner) };
      open.push(found);
      options.onOpen?.(found);
    },
    options.signal,
  );
  open.sort((a, b) => a.port - b.port);
  return { open, closed, filtered };
}

export interface PortScanConfig {
  target: string;
  ports: string;
  concurrency: number;
  timeoutMs: number;
  grabBanners: boolean;
}

/** The port scan tool: one host, one `port` result per open port, plus a `service` where one is known. */
export const portScanRunner: ToolRunner<PortScanConfig> = async ({ config, target, signal, print }) => {
  if (!target) throw new Error('the port scan needs a target');
  const ports = parsePortList(config.ports);
  if (!Array.isArray(ports)) throw new Error(ports.error);
  print(
    `Scanning ${ports.length} TCP port(s) on ${target.host} (${target.address}), ${config.concurrency} at a time`,
  );
  print(ansi.dim('PORT      STATE  SERVICE        BANNER'));
  const started = Date.now();
  const scan = await scanPorts({
    address: target.address,
    ports,
    concurrency: config.concurrency,
    timeoutMs: config.timeoutMs,
    grabBanners: config.grabBanners,
    signal,
    onOpen: (open) =>
      print(
        `${`${open.port}/tcp`.padEnd(10)}${ansi.green('open')}   ${(open.service ?? '?').padEnd(15)}${open.banner ?? ''}`,
      ),
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  print(
    `Done in ${seconds}s: ${scan.open.length} open, ${scan.closed} closed, ${scan.filtered} filtered${signal.aborted ? ' (stopped early)' : ''}.`,
  );
  const results: RunResult[] = [];
  for (const open of scan.open) {
    results.push({
      kind: 'port',
      key: `tcp/${open.port}`,
      title: `${open.port}/tcp open`,
      severity: 'info',
      data: { port: open.port, protocol: 'tcp', state: 'open', banner: open.banner, service: open.service },
    });
    if (open.service)
      results.push({
        kind: 'service',
        key: `tcp/${open.port}/${open.service}`,
        title: `${open.service} on ${open.port}/tcp`,
        severity: 'info',
        data: { port: open.port, name: open.service, banner: open.banner },
      });
  }
  return results;
};
