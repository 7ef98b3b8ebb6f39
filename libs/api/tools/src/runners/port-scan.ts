import { Socket } from 'node:net';
import { parsePortList } from './port-list';
import type { RunResult, ToolRunner } from './runner';
import { ansi } from './terminal-style';

export type PortState = 'open' | 'closed' | 'filtered';

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

/** One TCP connect: open (with what the service says first), closed (refused) or filtered (no answer). */
function probe(
  address: string,
  port: number,
  timeoutMs: number,
  grabBanner: boolean,
): Promise<{ state: PortState; banner: string | null }> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let banner = '';
    let settled = false;
    let timer: ReturnType<typeof setTimeout>;
    const finish = (state: PortState) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const text = banner
        .replace(/[^\x20-\x7e]+/g, ' ')
        .trim()
        .slice(0, 200);
      resolve({ state, banner: state === 'open' && text ? text : null });
    };
    // No answer at all within the timeout: a firewall dropped the packets.
    timer = setTimeout(() => finish('filtered'), timeoutMs);
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish(error.code === 'ECONNREFUSED' ? 'closed' : 'filtered'),
    );
    socket.once('connect', () => {
      clearTimeout(timer);
      if (!grabBanner) return finish('open');
      // Services that speak first (SSH, SMTP, FTP…) do so at once; the others stay silent.
      timer = setTimeout(() => finish('open'), BANNER_WAIT_MS);
      socket.on('data', (chunk: Buffer) => {
        banner += chunk.toString('latin1');
        if (banner.length >= 200 || banner.includes('\n')) finish('open');
      });
      socket.once('end', () => finish('open'));
    });
    socket.connect({ host: address, port });
  });
}

/** TCP connect scan with a fixed number of connections in flight; stops early when aborted. */
export async function scanPorts(options: PortScanOptions): Promise<PortScanResult> {
  const result: PortScanResult = { open: [], closed: 0, filtered: 0 };
  let next = 0;
  const worker = async () => {
    while (next < options.ports.length && !options.signal?.aborted) {
      const port = options.ports[next++] as number;
      const { state, banner } = await probe(options.address, port, options.timeoutMs, options.grabBanners);
      if (state === 'open') {
        const found = { port, banner, service: guessService(port, banner) };
        result.open.push(found);
        options.onOpen?.(found);
      } else if (state === 'closed') result.closed += 1;
      else result.filtered += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.ports.length) }, worker));
  result.open.sort((a, b) => a.port - b.port);
  return result;
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
