import { stripVTControlCharacters } from 'node:util';
import { SUBDOMAIN_WORDLISTS } from '../wordlists/subdomains';
import type { RunResult } from './runner';
import { subdomainDiscoveryRunner, type SubdomainDiscoveryConfig } from './subdomain-discovery';
import { type DnsTestServer, startDnsTestServer } from './testing/dns-test-server';

let server: DnsTestServer;

beforeAll(async () => {
  server = await startDnsTestServer({
    'example.test': { A: ['10.0.0.1'] },
    'www.example.test': { A: ['10.0.0.1'] },
    'api.example.test': { A: ['10.0.0.2'], AAAA: ['2001:db8::2'] },
    'dev.example.test': { CNAME: 'www.example.test' },
    'staging.example.test': { CNAME: 'gone.unclaimed.test' },
    // `internal` has no records of its own, but exists because a name below it does.
    'x.internal.example.test': { A: ['10.0.0.3'] },
    'notinthelist.example.test': { A: ['10.0.0.4'] },
    '*.wild.test': { A: ['10.9.9.9'] },
    'www.wild.test': { A: ['10.0.0.5'] },
    'api.wild.test': { CNAME: 'www.wild.test' },
    // Every guess fails, while the random wildcard probes get a clean NXDOMAIN.
    ...Object.fromEntries(
      SUBDOMAIN_WORDLISTS.small.map((word) => [`${word}.fail.test`, { rcode: 'SERVFAIL' as const }]),
    ),
    '*.refused.test': { rcode: 'REFUSED' },
    'slow.test': { silent: true },
    '*.slow.test': { silent: true },
  });
});

afterAll(() => server.close());

const stripAnsi = (line: string) => stripVTControlCharacters(line);

async function run(
  config: Partial<SubdomainDiscoveryConfig> & { domain: string },
  controller = new AbortController(),
) {
  const lines: string[] = [];
  const results = await subdomainDiscoveryRunner({
    config: { wordlist: 'small', concurrency: 10, ...config },
    target: null,
    resolver: { address: server.address, port: server.port },
    signal: controller.signal,
    print: (line) => lines.push(stripAnsi(line)),
    workDir: '/nonexistent',
  });
  return { results, lines };
}

const keys = (results: RunResult[], kind: RunResult['kind']) =>
  results.filter((result) => result.kind === kind).map((result) => result.key);

describe('subdomain wordlists', () => {
  it('hold valid labels, no duplicates, and medium starts with all of small', () => {
    const { small, medium } = SUBDOMAIN_WORDLISTS;
    expect(new Set(small).size).toBe(small.length);
    expect(new Set(medium).size).toBe(medium.length);
    expect(medium.slice(0, small.length)).toEqual(small);
    expect(small.length).toBeGreaterThanOrEqual(90);
    expect(medium.length).toBeGreaterThanOrEqual(900);
    expect(medium.filter((word) => !/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(word))).toEqual([]);
    for (const common of ['www', 'mail', 'api', 'dev', 'staging', 'admin', 'vpn'])
      expect(small).toContain(common);
  });
});

describe('subdomain discovery (real resolver against a local DNS server)', () => {
  it('finds exactly the listed names that exist, with addresses, CNAMEs and dangling targets', async () => {
    const before = server.queries;
    const { results, lines } = await run({ domain: 'example.test' });
    expect(keys(results, 'host')).toEqual([
      'host:api.example.test',
      'host:dev.example.test',
      'host:internal.example.test',
      'host:staging.example.test',
      'host:www.example.test',
    ]);
    const data = Object.fromEntries(results.filter((r) => r.kind === 'host').map((r) => [r.title, r.data]));
    expect(data['api.example.test']).toEqual({
      name: 'api.example.test',
      addresses: ['10.0.0.2', '2001:db8::2'],
      cname: null,
    });
    expect(data['dev.example.test']).toEqual({
      name: 'dev.example.test',
      addresses: ['10.0.0.1'],
      cname: 'www.example.test',
    });
    expect(data['internal.example.test']).toEqual({
      name: 'internal.example.test',
      addresses: [],
      cname: null,
    });
    expect(keys(results, 'dns-record')).toEqual([
      'A:api.example.test:10.0.0.2',
      'AAAA:api.example.test:2001:db8::2',
      'CNAME:dev.example.test:www.example.test',
      'A:dev.example.test:10.0.0.1',
      'CNAME:staging.example.test:gone.unclaimed.test',
      'A:www.example.test:10.0.0.1',
    ]);
    expect(results.filter((r) => r.kind === 'finding').map((r) => [r.key, r.severity])).toEqual([
      ['finding:dangling-cname:staging.example.test', 'medium'],
    ]);
    expect(lines).toContain('api.example.test  10.0.0.2, 2001:db8::2');
    expect(lines).toContain('dev.example.test → www.example.test  10.0.0.1');
    // Every word asked once (CNAME), plus A and AAAA for the five hits and the three wildcard probes.
    const asked = server.questions.slice(before);
    const words = SUBDOMAIN_WORDLISTS.small;
    expect(
      asked
        .filter((q) => q.type === 'CNAME' && !q.name.startsWith('hk-'))
        .map((q) => q.name)
        .sort(),
    ).toEqual(words.map((word) => `${word}.example.test`).sort());
    expect(asked).toHaveLength(words.length + 3 + 5 * 2);
    expect(lines.at(-1)).toBe(
      `Done: ${words.length}/${words.length} names asked, 5 found, 0 wildcard answers dropped, 0 failed`,
    );
  });

  it('detects a wildcard zone and keeps only names that answer differently', async () => {
    const { results, lines } = await run({ domain: 'wild.test', concurrency: 25 });
    expect(results[0]).toEqual({
      kind: 'finding',
      key: 'finding:wildcard-dns',
      title: 'Wildcard DNS: any name under wild.test resolves',
      severity: 'info',
      data: { name: '*.wild.test', addresses: ['10.9.9.9'], cnames: [] },
    });
    expect(keys(results, 'host')).toEqual(['host:api.wild.test', 'host:www.wild.test']);
    const dropped = SUBDOMAIN_WORDLISTS.small.length - 2;
    expect(lines.at(-1)).toContain(`2 found, ${dropped} wildcard answers dropped`);
    const probes = server.questions.filter(
      (q) => q.type === 'CNAME' && /^hk-[0-9a-f]{12}\.wild\.test$/.test(q.name),
    );
    expect(new Set(probes.map((q) => q.name)).size).toBe(3);
  });

  it('stops early when cancelled and returns what it found', async () => {
    const controller = new AbortController();
    const before = server.queries;
    const lines: string[] = [];
    const results = await subdomainDiscoveryRunner({
      config: { domain: 'example.test', wordlist: 'medium', concurrency: 1 },
      target: null,
      resolver: { address: server.address, port: server.port },
      signal: controller.signal,
      // `www` is the first word: cancel as soon as its hit is printed.
      print: (line) => {
        lines.push(stripAnsi(line));
        if (stripAnsi(line).startsWith('www.example.test')) controller.abort();
      },
      workDir: '/nonexistent',
    });
    expect(keys(results, 'host')).toEqual(['host:www.example.test']);
    expect(server.queries - before).toBe(3 + 3); // wildcard probes, then www's CNAME, A and AAAA
    expect(lines.at(-1)).toMatch(/^Stopped: 1\/\d+ names asked, 1 found/);
  });

  it('gives up on a resolver that keeps failing instead of asking every word', async () => {
    const before = server.queries;
    const { results, lines } = await run({ domain: 'fail.test', concurrency: 1 });
    expect(results).toEqual([]);
    expect(lines.at(-1)).toBe(
      `Stopped, the resolver keeps failing (ESERVFAIL): 25/${SUBDOMAIN_WORDLISTS.small.length} names asked, 0 found, 0 wildcard answers dropped, 25 failed`,
    );
    expect(server.questions.slice(before).filter((q) => !q.name.startsWith('hk-')).length).toBeLessThan(60);
    const refused = await run({ domain: 'refused.test' });
    expect(refused.results).toEqual([]);
    expect(refused.lines.at(-1)).toBe('The resolver does not answer (EREFUSED); nothing was guessed.');
  });

  it('stops at once when cancelled while the resolver stays silent', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = run({ domain: 'slow.test' }, controller);
    while (!server.questions.some((q) => q.name.endsWith('.slow.test')))
      await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    expect((await pending).results).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1500); // unanswered, the probes alone would take 5 s
  });
});
