import { XMLParser } from 'fast-xml-parser';
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { parsePortList } from './port-list';
import { commandLine, runProgram } from './program';
import type { PinnedTarget, RunResult, ToolRunner } from './runner';
import { ansi } from './terminal-style';

export const NMAP_TIMINGS = ['T2', 'T3', 'T4', 'T5'] as const;

export interface NmapConfig {
  target: string;
  ports: string;
  timing: (typeof NMAP_TIMINGS)[number];
  serviceDetection: boolean;
}

export interface NmapService {
  name: string;
  product: string | null;
  version: string | null;
  extraInfo: string | null;
  /** `probed` (nmap talked to it) or `table` (a guess from the port number). */
  method: string | null;
  confidence: number | null;
  cpes: string[];
}

export interface NmapPort {
  protocol: string;
  port: number;
  state: string;
  reason: string | null;
  service: NmapService | null;
}

export interface NmapHost {
  address: string;
  addressType: string;
  state: string;
  hostnames: string[];
  ports: NmapPort[];
}

export interface NmapReport {
  hosts: NmapHost[];
  args: string | null;
  version: string | null;
  /** False when nmap was stopped before it wrote its run statistics. */
  finished: boolean;
  summary: string | null;
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // nmap escapes `--` in attributes as `-&#45;`.
  htmlEntities: true,
  parseAttributeValue: false,
  isArray: (name) => ['host', 'port', 'address', 'hostname', 'cpe'].includes(name),
});

/** Empty elements parse to '' and single ones to an object: both read as lists here. */
const list = (value: unknown): Node[] =>
  (Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : []) as Node[];
const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;
const child = (node: Node | undefined, name: string): Node | undefined => list(node?.[name])[0];

function readService(node: Node | undefined): NmapService | null {
  const name = text(node?.['name']);
  // `unknown` is nmap saying it has no idea: no service to report.
  if (!node || !name || name === 'unknown') return null;
  const confidence = Number(node['conf']);
  return {
    name,
    product: text(node['product']),
    version: text(node['version']),
    extraInfo: text(node['extrainfo']),
    method: text(node['method']),
    confidence: Number.isFinite(confidence) ? confidence : null,
    cpes: (Array.isArray(node['cpe']) ? (node['cpe'] as unknown[]) : [])
      .map(text)
      .filter((cpe): cpe is string => cpe !== null),
  };
}

/**
 * Reads nmap's XML report (`-oX`). Partial reports (nmap stopped mid-run) are read as far as they go,
 * so a cancelled scan still returns the hosts nmap had finished.
 */
export function parseNmapXml(xml: string): NmapReport {
  const run = (parser.parse(xml) as Node)['nmaprun'] as Node | undefined;
  const hosts = list(run?.['host']).map((host): NmapHost => {
    const addresses = list(host['address']);
    const address = addresses.find((entry) => entry['addrtype'] !== 'mac') ?? addresses[0];
    return {
      address: text(address?.['addr']) ?? '',
      addressType: text(address?.['addrtype']) ?? 'ipv4',
      state: text(child(host, 'status')?.['state']) ?? 'unknown',
      hostnames: list(child(host, 'hostnames')?.['hostname'])
        .map((name) => text(name['name']))
        .filter((name): name is string => name !== null),
      ports: list(child(host, 'ports')?.['port']).map((port) => ({
        protocol: text(port['protocol']) ?? 'tcp',
        port: Number(port['portid']),
        state: text(child(port, 'state')?.['state']) ?? 'unknown',
        reason: text(child(port, 'state')?.['reason']),
        service: readService(child(port, 'service')),
      })),
    };
  });
  const finished = child(child(run, 'runstats'), 'finished');
  return {
    hosts: hosts.filter((host) => host.address !== ''),
    args: text(run?.['args']),
    version: text(run?.['version']),
    finished: finished !== undefined,
    summary: text(finished?.['summary']),
  };
}

/** Sorted, unique ports as nmap's compact list: `22,80,8000-8100`. */
export function compactPorts(ports: readonly number[]): string {
  const ranges: string[] = [];
  for (let index = 0; index < ports.length; ) {
    const from = ports[index] as number;
    let to = from;
    while (ports[index + 1] === to + 1) to = ports[++index] as number;
    ranges.push(from === to ? String(from) : `${from}-${to}`);
    index++;
  }
  return ranges.join(',');
}

/**
 * nmap's arguments, each rebuilt from a validated value (never the raw config text): a TCP connect scan
 * without ping, DNS or raw sockets, of the checked address only, its XML report in the run's folder.
 */
export function nmapArgs(config: NmapConfig, address: string, xmlFile: string): string[] {
  const ports = parsePortList(config.ports);
  if (!Array.isArray(ports)) throw new Error(`Ports: ${ports.error}`);
  if (!NMAP_TIMINGS.includes(config.timing))
    throw new Error(`Timing must be one of ${NMAP_TIMINGS.join(', ')}.`);
  const family = isIP(address);
  if (!family) throw new Error('nmap scans the checked IP address only.');
  return [
    '-sT',
    '-Pn',
    '-n',
    '--unprivileged',
    ...(family === 6 ? ['-6'] : []),
    '-p',
    compactPorts(ports),
    `-${config.timing}`,
    ...(config.serviceDetection === true ? ['-sV'] : []),
    '--open',
    '-v',
    '--stats-every',
    '5s',
    '-oX',
    xmlFile,
    address,
  ];
}

/** One `host`, a `port` per open port and a `service` per named service, keyed like the port scan's. */
export function nmapResults(report: NmapReport, target: PinnedTarget): RunResult[] {
  const results: RunResult[] = [];
  for (const host of report.hosts.filter((entry) => entry.state === 'up')) {
    results.push({
      kind: 'host',
      key: `host:${host.address}`,
      title: target.host === host.address ? host.address : `${target.host} (${host.address})`,
      severity: 'info',
      data: {
        address: host.address,
        addressType: host.addressType,
        name: target.host,
        hostnames: host.hostnames,
      },
    });
    for (const port of host.ports.filter((entry) => entry.state.startsWith('open'))) {
      const { service } = port;
      results.push({
        kind: 'port',
        key: `${port.protocol}/${port.port}`,
        title: `${port.port}/${port.protocol} ${port.state}`,
        severity: 'info',
        data: {
          port: port.port,
          protocol: port.protocol,
          state: port.state,
          reason: port.reason,
          service: service?.name ?? null,
        },
      });
      if (!service) continue;
      const software = [service.product, service.version].filter(Boolean).join(' ');
      results.push({
        kind: 'service',
        key: `${port.protocol}/${port.port}/${service.name}`,
        title: `${software || service.name} on ${port.port}/${port.protocol}`,
        severity: 'info',
        data: { port: port.port, protocol: port.protocol, ...service },
      });
    }
  }
  return results;
}

const DISCOVERED = /^Discovered open port (\d+)\/(tcp) on (\S+)$/;

export const nmapRunner: ToolRunner<NmapConfig> = async ({ config, target, signal, print, workDir }) => {
  if (!target) throw new Error('nmap needs the checked address of the target.');
  const xmlFile = join(workDir, 'nmap.xml');
  const args = nmapArgs(config, target.address, xmlFile);
  print(ansi.dim(`$ ${commandLine('nmap', args)}`));
  // nmap writes a host to the XML only once it is done with it; a cancelled scan still said what it saw.
  const discovered: NmapPort[] = [];
  const exit = await runProgram('nmap', args, {
    cwd: workDir,
    signal,
    print: (line) => {
      const match = DISCOVERED.exec(line);
      if (match)
        discovered.push({
          protocol: 'tcp',
          port: Number(match[1]),
          state: 'open',
          reason: null,
          service: null,
        });
      print(line.startsWith('Discovered open port') ? ansi.green(line) : line);
    },
  });
  const xml = await readFile(xmlFile, 'utf8').catch(() => '');
  const report = xml
    ? parseNmapXml(xml)
    : { hosts: [], args: null, version: null, finished: false, summary: null };
  if (!exit.aborted && exit.exitCode !== 0)
    throw new Error(`nmap failed (${exit.exitCode ?? exit.signal}); its output is above.`);
  if (report.hosts.length === 0 && discovered.length > 0)
    report.hosts.push({
      address: target.address,
      addressType: isIP(target.address) === 6 ? 'ipv6' : 'ipv4',
      state: 'up',
      hostnames: [],
      ports: discovered,
    });
  const results = nmapResults(report, target);
  const open = results.filter((result) => result.kind === 'port').length;
  print(
    `${exit.aborted ? ansi.yellow('Stopped') : ansi.green('Done')}: ${open} open port(s) on ${target.address}.`,
  );
  return results;
};
