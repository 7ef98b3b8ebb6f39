import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOnPath } from '../program-availability';
import { compactPorts, type NmapConfig, nmapArgs, nmapResults, nmapRunner, parseNmapXml } from './nmap';
import type { RunContext } from './runner';

/** Trimmed from a real nmap 7.93 report, with a second host that is down and a closed port listed. */
const REPORT = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nmaprun>
<nmaprun scanner="nmap" args="nmap -sT -Pn -n -&#45;open -oX nmap.xml 10.0.0.5" start="1795559212" version="7.93" xmloutputversion="1.05">
<scaninfo type="connect" protocol="tcp" numservices="3" services="22,80,443"/>
<host starttime="1795559212" endtime="1795559218"><status state="up" reason="user-set" reason_ttl="0"/>
<address addr="10.0.0.5" addrtype="ipv4"/>
<hostnames><hostname name="shop.example" type="user"/></hostnames>
<ports><extraports state="closed" count="1"><extrareasons reason="conn-refused" count="1" proto="tcp" ports="8080"/></extraports>
<port protocol="tcp" portid="22"><state state="open" reason="syn-ack" reason_ttl="0"/><service name="ssh" product="OpenSSH" version="9.6p1 Ubuntu 3ubuntu13" extrainfo="Ubuntu Linux; protocol 2.0" ostype="Linux" method="probed" conf="10"><cpe>cpe:/a:openbsd:openssh:9.6p1</cpe><cpe>cpe:/o:linux:linux_kernel</cpe></service></port>
<port protocol="tcp" portid="80"><state state="open" reason="syn-ack" reason_ttl="0"/><service name="http" method="table" conf="3"/></port>
<port protocol="tcp" portid="443"><state state="closed" reason="conn-refused" reason_ttl="0"/><service name="https" method="table" conf="3"/></port>
</ports>
</host>
<host><status state="down" reason="no-response" reason_ttl="0"/><address addr="10.0.0.6" addrtype="ipv4"/><hostnames></hostnames></host>
<runstats><finished time="1795559218" summary="Nmap done; 2 IP addresses (1 host up) scanned in 6.22 seconds" elapsed="6.22" exit="success"/><hosts up="1" down="1" total="2"/></runstats>
</nmaprun>`;

describe('nmap report parsing', () => {
  it('reads hosts, ports and services, and decodes entities', () => {
    const report = parseNmapXml(REPORT);
    expect(report.args).toBe('nmap -sT -Pn -n --open -oX nmap.xml 10.0.0.5');
    expect(report.finished).toBe(true);
    expect(report.hosts.map((host) => [host.address, host.state, host.hostnames])).toEqual([
      ['10.0.0.5', 'up', ['shop.example']],
      ['10.0.0.6', 'down', []],
    ]);
    expect(report.hosts[0]?.ports).toEqual([
      {
        protocol: 'tcp',
        port: 22,
        state: 'open',
        reason: 'syn-ack',
        service: {
          name: 'ssh',
          product: 'OpenSSH',
          version: '9.6p1 Ubuntu 3ubuntu13',
          extraInfo: 'Ubuntu Linux; protocol 2.0',
          method: 'probed',
          confidence: 10,
          cpes: ['cpe:/a:openbsd:openssh:9.6p1', 'cpe:/o:linux:linux_kernel'],
        },
      },
      expect.objectContaining({
        port: 80,
        state: 'open',
        service: expect.objectContaining({ name: 'http', product: null }),
      }),
      expect.objectContaining({ port: 443, state: 'closed' }),
    ]);
  });

  it('turns up hosts and open ports into results keyed like the port scan', () => {
    const results = nmapResults(parseNmapXml(REPORT), { host: 'shop.example', address: '10.0.0.5' });
    expect(results.map((result) => [result.kind, result.key, result.title])).toEqual([
      ['host', 'host:10.0.0.5', 'shop.example (10.0.0.5)'],
      ['port', 'tcp/22', '22/tcp open'],
      ['service', 'tcp/22/ssh', 'OpenSSH 9.6p1 Ubuntu 3ubuntu13 on 22/tcp'],
      ['port', 'tcp/80', '80/tcp open'],
      ['service', 'tcp/80/http', 'http on 80/tcp'],
    ]);
  });

  it('reads a report cut off by a cancel as far as it goes', () => {
    const cut = parseNmapXml(REPORT.slice(0, REPORT.indexOf('<host><status state="down"')));
    expect(cut.finished).toBe(false);
    expect(cut.hosts.map((host) => host.ports.length)).toEqual([3]);
    expect(parseNmapXml('').hosts).toEqual([]);
  });
});

describe('nmap arguments', () => {
  const config: NmapConfig = {
    target: 'shop.example',
    ports: '443,22,8000-8002,80',
    timing: 'T4',
    serviceDetection: true,
  };

  it('are rebuilt from validated values and scan only the checked address', () => {
    expect(nmapArgs(config, '10.0.0.5', '/runs/1/nmap.xml')).toEqual(
      '-sT -Pn -n --unprivileged -p 22,80,443,8000-8002 -T4 -sV --open -v --stats-every 5s -oX /runs/1/nmap.xml 10.0.0.5'.split(
        ' ',
      ),
    );
    expect(nmapArgs({ ...config, serviceDetection: false }, '::1', 'x.xml')).toContain('-6');
    expect(nmapArgs({ ...config, serviceDetection: false }, '::1', 'x.xml')).not.toContain('-sV');
    expect(compactPorts([1, 2, 3, 5, 7, 8])).toBe('1-3,5,7-8');
  });

  it('refuse anything that is not a port list, a known timing or an IP address', () => {
    expect(() => nmapArgs({ ...config, ports: '80 -oN /etc/passwd' }, '10.0.0.5', 'x')).toThrow(/Ports/);
    expect(() => nmapArgs({ ...config, timing: 'T5 --script=x' as 'T5' }, '10.0.0.5', 'x')).toThrow(/Timing/);
    expect(() => nmapArgs(config, 'shop.example', 'x')).toThrow(/IP address/);
  });
});

async function listen(greeting: string | null): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    if (greeting) socket.write(greeting);
    socket.on('error', () => undefined);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port };
}

const nmapInstalled = findOnPath('nmap') !== null;
if (!nmapInstalled) console.warn('nmap is not installed: skipping the real nmap scans.');

(nmapInstalled ? describe : describe.skip)('nmap runner (real nmap against listeners on 127.0.0.1)', () => {
  let workDir: string;
  let ssh: { server: Server; port: number };
  let silent: { server: Server; port: number };
  let closedPort: number;
  beforeEach(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'huntkit-nmap-'));
    ssh = await listen('SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\r\n');
    silent = await listen(null);
    const closed = await listen(null);
    closedPort = closed.port;
    await new Promise((resolve) => closed.server.close(resolve));
  });
  afterEach(() => {
    ssh.server.close();
    silent.server.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  const context = (
    config: Partial<NmapConfig>,
    print: (line: string) => void,
    signal = new AbortController().signal,
  ) =>
    ({
      config: { target: 'localhost', ports: '', timing: 'T4', serviceDetection: false, ...config },
      target: { host: 'localhost', address: '127.0.0.1' },
      resolver: null,
      signal,
      print,
      workDir,
    }) satisfies RunContext<NmapConfig>;

  it('finds the open ports, lists no closed one, and names the service with -sV', async () => {
    const lines: string[] = [];
    const results = await nmapRunner(
      context({ ports: `${ssh.port},${closedPort}`, serviceDetection: true }, (line) => lines.push(line)),
    );
    expect(results.map((result) => [result.kind, result.key])).toEqual([
      ['host', 'host:127.0.0.1'],
      ['port', `tcp/${ssh.port}`],
      ['service', `tcp/${ssh.port}/ssh`],
    ]);
    expect(results[2]?.data).toMatchObject({
      product: 'OpenSSH',
      version: expect.stringContaining('9.6p1'),
      method: 'probed',
    });
    expect(existsSync(join(workDir, 'nmap.xml'))).toBe(true);
    expect(lines.some((line) => line.includes(`Discovered open port ${ssh.port}/tcp on 127.0.0.1`))).toBe(
      true,
    );
  });

  it('scans ranges without -sV', async () => {
    const ports = [ssh.port, silent.port, closedPort].sort((a, b) => a - b);
    const results = await nmapRunner(context({ ports: ports.join(',') }, () => undefined));
    const open = results.filter((result) => result.kind === 'port').map((result) => result.key);
    expect(open.sort()).toEqual([`tcp/${ssh.port}`, `tcp/${silent.port}`].sort());
  });

  it('stops when cancelled and still returns the ports nmap announced', async () => {
    const controller = new AbortController();
    const started = Date.now();
    // A silent service keeps -sV probing for seconds: the cancel lands in the middle of it.
    const results = await nmapRunner(
      context(
        { ports: String(silent.port), serviceDetection: true },
        (line) => line.includes('Discovered open port') && controller.abort(),
        controller.signal,
      ),
    );
    expect(Date.now() - started).toBeLessThan(4000);
    expect(results.map((result) => result.key)).toEqual(['host:127.0.0.1', `tcp/${silent.port}`]);
  });
});
