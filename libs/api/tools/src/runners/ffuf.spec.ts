import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOnPath } from '../program-availability';
import { PATH_WORDLISTS } from '../wordlists/paths';
import {
  type FfufConfig,
  ffufArgs,
  ffufPacing,
  ffufResults,
  ffufRunner,
  parseFfufJson,
  parseFfufLine,
  pinFfufUrl,
} from './ffuf';
import { discoverPaths } from './path-discovery';
import { pathDiscoveryResults } from './path-results';
import type { RunContext } from './runner';

/** The shape ffuf 1.1.0 writes with `-of json` (trimmed from a real run). */
const REPORT = JSON.stringify({
  commandline: 'ffuf -u http://10.0.0.5:8080/FUZZ -H Host: shop.example:8080 -w wordlist.txt -of json',
  time: '2026-11-24T22:17:37Z',
  results: [
    {
      input: { FUZZ: 'admin' },
      position: 1,
      status: 301,
      length: 0,
      words: 1,
      lines: 1,
      redirectlocation: '/admin/',
      resultfile: '',
      url: 'http://10.0.0.5:8080/admin',
      host: 'shop.example:8080',
    },
    {
      input: { FUZZ: '.git/HEAD' },
      position: 4,
      status: 200,
      length: 21,
      words: 2,
      lines: 2,
      redirectlocation: '',
      resultfile: '',
      url: 'http://10.0.0.5:8080/.git/HEAD',
      host: 'shop.example:8080',
    },
  ],
  config: { url: 'http://10.0.0.5:8080/FUZZ' },
});

const target = { host: 'shop.example', address: '10.0.0.5' };

describe('ffuf report and arguments', () => {
  it('parses the JSON report into path results keyed like path discovery, on the real host', () => {
    const report = parseFfufJson(REPORT);
    expect(report.hits).toEqual([
      {
        input: 'admin',
        url: 'http://10.0.0.5:8080/admin',
        status: 301,
        length: 0,
        words: 1,
        lines: 1,
        redirectLocation: '/admin/',
      },
      {
        input: '.git/HEAD',
        url: 'http://10.0.0.5:8080/.git/HEAD',
        status: 200,
        length: 21,
        words: 2,
        lines: 2,
        redirectLocation: null,
      },
    ]);
    const results = ffufResults(report, 'http://shop.example:8080/FUZZ');
    expect(results.map((result) => [result.kind, result.key])).toEqual([
      ['path', 'path:/admin'],
      ['path', 'path:/.git/HEAD'],
    ]);
    expect(results[0]?.data).toMatchObject({
      url: 'http://shop.example:8080/admin',
      status: 301,
      location: '/admin/',
    });
    expect(parseFfufJson('{"results":null}').hits).toEqual([]);
  });

  it('reads the hit lines ffuf prints, the record left when it is killed before writing its report', () => {
    expect(
      parseFfufLine('admin                   [Status: \x1b[34m301\x1b[0m, Size: 0, Words: 1, Lines: 1]'),
    ).toEqual({
      input: 'admin',
      url: '',
      status: 301,
      length: 0,
      words: 1,
      lines: 1,
      redirectLocation: null,
    });
    expect(parseFfufLine(':: Progress: [31/1004] :: Job [1/1] :: 31 req/sec ::')).toBeNull();
  });

  it('pins the URL to the checked address and keeps the site name in the Host header', () => {
    expect(pinFfufUrl('https://Shop.Example/app/FUZZ.php?x=1#top', target)).toEqual({
      url: 'https://10.0.0.5/app/FUZZ.php?x=1',
      host: 'shop.example',
    });
    expect(pinFfufUrl('http://shop.example:8080/?q=FUZZ', { host: 'shop.example', address: '::1' })).toEqual({
      url: 'http://[::1]:8080/?q=FUZZ',
      host: 'shop.example:8080',
    });
    expect(() => pinFfufUrl('http://FUZZ.shop.example/', target)).toThrow(/host/);
    expect(() => pinFfufUrl('http://other.example/FUZZ', target)).toThrow(/host/);
    expect(() => pinFfufUrl('http://shop.example/', target)).toThrow(/FUZZ/);
  });

  it('paces ffuf 1.1.0 (which has no rate flag) to at most the asked rate', () => {
    expect(ffufPacing(100)).toEqual({ threads: 40, delaySeconds: '0.400' });
    expect(ffufPacing(1000)).toEqual({ threads: 40, delaySeconds: '0.040' });
    expect(ffufPacing(5)).toEqual({ threads: 5, delaySeconds: '1.000' });
  });

  it('builds arguments from validated values only', () => {
    const config: FfufConfig = {
      url: 'http://shop.example/FUZZ',
      wordlist: 'small',
      filterStatus: '404, 500-599',
      rate: 50,
    };
    expect(ffufArgs(config, target, { wordlist: '/r/wordlist.txt', output: '/r/ffuf.json' })).toEqual([
      ...['-u', 'http://10.0.0.5/FUZZ', '-H', 'Host: shop.example', '-w', '/r/wordlist.txt', '-mc', 'all'],
      ...[
        '-fc',
        '404,500-599',
        '-t',
        '40',
        '-p',
        '0.800',
        '-timeout',
        '10',
        '-of',
        'json',
        '-o',
        '/r/ffuf.json',
        '-c',
      ],
    ]);
    expect(() =>
      ffufArgs({ ...config, filterStatus: '404 -x' }, target, { wordlist: 'w', output: 'o' }),
    ).toThrow(/Filter status codes/);
  });
});

const ffufInstalled = findOnPath('ffuf') !== null;
if (!ffufInstalled) console.warn('ffuf is not installed: skipping the real ffuf runs.');

(ffufInstalled ? describe : describe.skip)('ffuf runner (real ffuf against a server on 127.0.0.1)', () => {
  const routes: Record<string, { status: number; body: string; location?: string }> = {
    '/admin': { status: 301, body: '', location: '/admin/' },
    '/login': { status: 200, body: 'login page\nwith two lines and words' },
    '/api': { status: 403, body: 'forbidden' },
    '/.git/HEAD': { status: 200, body: 'ref: refs/heads/main\n' },
  };
  let server: Server;
  let port: number;
  let workDir: string;
  const hosts: (string | undefined)[] = [];
  let onRequest: () => void = () => undefined;
  beforeEach(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'huntkit-ffuf-'));
    hosts.length = 0;
    server = createServer((request, response) => {
      hosts.push(request.headers.host);
      onRequest();
      const route = routes[request.url ?? ''] ?? { status: 404, body: 'nothing here' };
      response.writeHead(route.status, route.location ? { location: route.location } : {});
      response.end(route.body);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    onRequest = () => undefined;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(workDir, { recursive: true, force: true });
  });

  const context = (config: Partial<FfufConfig>, signal = new AbortController().signal) =>
    ({
      // The name does not resolve: ffuf must reach the server through the pinned address.
      config: {
        url: `http://shop.invalid:${port}/FUZZ`,
        wordlist: 'small',
        filterStatus: '404',
        rate: 1000,
        ...config,
      },
      target: { host: 'shop.invalid', address: '127.0.0.1' },
      resolver: null,
      signal,
      print: () => undefined,
      workDir,
    }) satisfies RunContext<FfufConfig>;

  it('finds the same paths as path discovery, sending the site name as Host', async () => {
    const results = await ffufRunner(context({}));
    expect(hosts).toHaveLength(PATH_WORDLISTS.small.length);
    expect(new Set(hosts)).toEqual(new Set([`shop.invalid:${port}`]));
    expect(existsSync(join(workDir, 'ffuf.json'))).toBe(true);
    expect(readFileSync(join(workDir, 'wordlist.txt'), 'utf8').split('\n')).toContain('.git/HEAD');
    const native = await discoverPaths({
      url: `http://shop.invalid:${port}/`,
      address: '127.0.0.1',
      words: PATH_WORDLISTS.small,
      hideStatus: [[404, 404]],
      concurrency: 10,
    });
    const summary = (list: typeof results) =>
      list
        .filter((result) => result.kind === 'path')
        .map(({ key, data }) => [
          key,
          data['status'],
          data['size'],
          data['words'],
          data['lines'],
          data['location'],
        ])
        .sort();
    expect(summary(results)).toEqual(summary(pathDiscoveryResults(native.hits)));
    expect(summary(results).map(([key]) => key)).toEqual([
      'path:/.git/HEAD',
      'path:/admin',
      'path:/api',
      'path:/login',
    ]);
  });

  it('stops when cancelled and returns the hits ffuf saved', async () => {
    const controller = new AbortController();
    let served = 0;
    onRequest = () => {
      if (++served === 41) controller.abort();
    };
    const started = Date.now();
    // 40 threads each waiting half a second: request 41 comes half a second after `admin` was answered.
    const results = await ffufRunner(context({ rate: 80 }, controller.signal));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(served).toBeLessThan(PATH_WORDLISTS.small.length);
    // `admin` is the first word: ffuf had its answer before the cancel.
    expect(results.map((result) => result.key)).toContain('path:/admin');
    expect(existsSync(join(workDir, 'ffuf.json'))).toBe(true);
  });
});
