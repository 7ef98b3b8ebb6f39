import { stripVTControlCharacters } from 'node:util';
import { DNS_RECORD_TYPES, dnsRecordsRunner, type DnsRecordsConfig } from './dns-records';
import type { RunResult } from './runner';
import { type DnsTestServer, startDnsTestServer } from './testing/dns-test-server';

const SOA = {
  nsname: 'ns1.example.test',
  hostmaster: 'hostmaster.example.test',
  serial: 2024010101,
  refresh: 7200,
  retry: 3600,
  expire: 1209600,
  minttl: 300,
};
/** Over the 1232 bytes Node accepts over UDP: the answer comes truncated and is asked again over TCP. */
const LONG_TXT = 'k='.padEnd(1300, 'x');

let server: DnsTestServer;

beforeAll(async () => {
  server = await startDnsTestServer({
    'example.test': {
      A: ['93.184.216.34', '93.184.216.35'],
      AAAA: ['2606:2800:220:1::248'],
      MX: [
        { priority: 10, exchange: 'mail.example.test' },
        { priority: 20, exchange: 'backup.example.test' },
      ],
      NS: ['ns1.example.test', 'ns2.example.test'],
      TXT: ['v=spf1 include:_spf.example.test -all', ['site-verification=', 'abc123']],
      SOA,
      CAA: [
        { tag: 'issue', value: 'letsencrypt.org' },
        { flags: 128, tag: 'iodef', value: 'mailto:sec@example.test' },
      ],
      ttl: 600,
    },
    '_dmarc.example.test': { TXT: ['v=DMARC1; p=reject'] },
    'www.example.test': { CNAME: 'example.test' },
    'api.example.test': { A: ['10.0.0.7'], ttl: 60 },
    'old.example.test': { CNAME: 'gone.unclaimed.test' },
    'shop.test': { MX: [{ priority: 5, exchange: 'mx.shop.test' }], TXT: ['hello'] },
    'broken.test': { rcode: 'SERVFAIL' },
    'slow.test': { silent: true },
    'big.test': { TXT: [LONG_TXT] },
  });
});

afterAll(() => server.close());

const stripAnsi = (line: string) => stripVTControlCharacters(line);

async function run(
  config: Partial<DnsRecordsConfig> & { domain: string },
  signal = new AbortController().signal,
) {
  const lines: string[] = [];
  const results = await dnsRecordsRunner({
    config: { types: [...DNS_RECORD_TYPES], ...config },
    target: null,
    resolver: { address: server.address, port: server.port },
    signal,
    print: (line) => lines.push(stripAnsi(line)),
    workDir: '/nonexistent',
  });
  return { results, lines };
}

const record = (
  type: string,
  name: string,
  value: string,
  extra: Record<string, unknown> = {},
): RunResult => ({
  kind: 'dns-record',
  key: type === 'SOA' ? `SOA:${name}` : `${type}:${name}:${value}`,
  title: `${type} ${name} ${value}`,
  severity: 'info',
  data: { type, name, value, ...extra },
});

describe('DNS records (real resolver against a local DNS server)', () => {
  it('lists every chosen record exactly, with TTLs for addresses, and no findings for a tidy domain', async () => {
    const { results, lines } = await run({ domain: 'Example.Test.' });
    expect(results).toEqual([
      record('A', 'example.test', '93.184.216.34', { ttl: 600 }),
      record('A', 'example.test', '93.184.216.35', { ttl: 600 }),
      record('AAAA', 'example.test', '2606:2800:220:1::248', { ttl: 600 }),
      record('MX', 'example.test', '10 mail.example.test', { priority: 10, exchange: 'mail.example.test' }),
      record('MX', 'example.test', '20 backup.example.test', {
        priority: 20,
        exchange: 'backup.example.test',
      }),
      record('NS', 'example.test', 'ns1.example.test'),
      record('NS', 'example.test', 'ns2.example.test'),
      record('TXT', 'example.test', 'v=spf1 include:_spf.example.test -all'),
      record('TXT', 'example.test', 'site-verification=abc123', { pieces: ['site-verification=', 'abc123'] }),
      record(
        'SOA',
        'example.test',
        'ns1.example.test hostmaster.example.test 2024010101 7200 3600 1209600 300',
        SOA,
      ),
      record('CAA', 'example.test', '0 issue "letsencrypt.org"', {
        flags: 0,
        tag: 'issue',
        tagValue: 'letsencrypt.org',
      }),
      record('CAA', 'example.test', '128 iodef "mailto:sec@example.test"', {
        flags: 128,
        tag: 'iodef',
        tagValue: 'mailto:sec@example.test',
      }),
      record('TXT', '_dmarc.example.test', 'v=DMARC1; p=reject'),
    ]);
    expect(lines).toContain('A      example.test  93.184.216.34  ttl 600');
    expect(lines).toContain('CNAME  example.test  (none)');
  });

  it('follows a CNAME for addresses and inherits CAA from the parent', async () => {
    const { results, lines } = await run({ domain: 'www.example.test', types: ['CNAME', 'A'] });
    // Through a CNAME, the TTL is the shortest of the chain (the CNAME's 300 here).
    expect(results).toEqual([
      record('A', 'www.example.test', '93.184.216.34', { ttl: 300 }),
      record('A', 'www.example.test', '93.184.216.35', { ttl: 300 }),
      record('CNAME', 'www.example.test', 'example.test'),
    ]);
    const sub = await run({ domain: 'api.example.test', types: ['A', 'CAA'] });
    expect(sub.results).toEqual([record('A', 'api.example.test', '10.0.0.7', { ttl: 60 })]);
    expect(sub.lines).toContain(
      'CAA    api.example.test  inherited from example.test: 0 issue "letsencrypt.org"',
    );
    expect(lines.some((line) => line.includes('[medium]'))).toBe(false);
  });

  it('reports a CNAME to a name that does not exist as a possible takeover', async () => {
    const { results } = await run({ domain: 'old.example.test', types: ['A', 'CNAME'] });
    expect(results).toEqual([
      record('CNAME', 'old.example.test', 'gone.unclaimed.test'),
      {
        kind: 'finding',
        key: 'finding:dangling-cname:gone.unclaimed.test',
        title: 'Dangling CNAME: old.example.test → gone.unclaimed.test (NXDOMAIN)',
        severity: 'medium',
        data: { name: 'old.example.test', cname: 'gone.unclaimed.test' },
      },
    ]);
  });

  it('flags mail without SPF or DMARC and a missing CAA, asking TXT only for the check', async () => {
    const { results } = await run({ domain: 'shop.test', types: ['MX', 'CAA'] });
    expect(results.map(({ key, severity }) => [key, severity])).toEqual([
      ['MX:shop.test:5 mx.shop.test', 'info'],
      ['finding:spf-missing', 'low'],
      ['finding:dmarc-missing', 'low'],
      ['finding:caa-missing', 'info'],
    ]);
    expect(results.at(-1)?.data).toEqual({ domain: 'shop.test', checked: ['shop.test'] });
    const asked = server.questions.filter((question) => question.name.endsWith('shop.test'));
    expect(asked.map(({ name, type }) => `${name} ${type}`).sort()).toEqual(
      ['_dmarc.shop.test TXT', 'shop.test CAA', 'shop.test MX', 'shop.test TXT'].sort(),
    );
  });

  it('says when the domain does not exist, asking each type once and reporting nothing', async () => {
    const before = server.queries;
    const { results, lines } = await run({ domain: 'nowhere.test', types: ['A', 'MX', 'CAA'] });
    expect(results).toEqual([]);
    expect(lines).toContain('nowhere.test does not exist (NXDOMAIN).');
    expect(
      server.questions
        .slice(before)
        .map(({ type }) => type)
        .sort(),
    ).toEqual(['A', 'CAA', 'MX']);
  });

  it('reports failed lookups in the results instead of calling them empty', async () => {
    const { results, lines } = await run({ domain: 'broken.test', types: ['A', 'CAA'] });
    expect(results.map(({ key, data }) => [key, data['error']])).toEqual([
      ['A:broken.test:error', 'ESERVFAIL'],
      ['CAA:broken.test:error', 'ESERVFAIL'],
    ]);
    expect(lines).toContain('A      broken.test  lookup failed: ESERVFAIL');
  });

  it('reads answers too long for UDP over TCP', async () => {
    const { results } = await run({ domain: 'big.test', types: ['TXT'] });
    expect(results[0]?.data['value']).toBe(LONG_TXT);
    expect(server.questions).toContainEqual({ name: 'big.test', type: 'TXT', transport: 'tcp' });
  });

  it('stops at once when cancelled, even while the resolver stays silent', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = run({ domain: 'slow.test', types: ['A', 'MX'] }, controller.signal);
    while (!server.questions.some((question) => question.name === 'slow.test'))
      await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const { results } = await pending;
    expect(results).toEqual([]);
    // Unanswered, the two tries would take 5 s.
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('refuses an IP address as the domain', async () => {
    const { results, lines } = await run({ domain: '127.0.0.1' });
    expect(results).toEqual([]);
    expect(lines[0]).toContain('is an IP address');
  });
});
