import { once } from 'node:events';
import { createServer, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { PATH_WORDLISTS } from '../wordlists/paths';
import {
  buildCandidates,
  discoverPaths,
  normalizeExtensions,
  parseNumberList,
  pathDiscoveryRunner,
  type PathDiscoveryConfig,
} from './path-discovery';
import type { RunContext } from './runner';

interface Route {
  status: number;
  body?: string | Buffer;
  headers?: OutgoingHttpHeaders;
}

interface TestSite {
  server: Server;
  port: number;
  requests: { path: string; host: string | undefined }[];
  sockets: Set<Socket>;
  close(): Promise<void>;
}

/** A site with chosen answers; everything else is a 404 (or `fallback`). */
async function site(
  routes: Record<string, Route>,
  fallback: Route = { status: 404, body: 'not here' },
  onRequest?: (count: number) => void,
): Promise<TestSite> {
  const requests: TestSite['requests'] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    requests.push({ path: request.url ?? '', host: request.headers.host });
    onRequest?.(requests.length);
    const route = routes[request.url ?? ''] ?? fallback;
    response.writeHead(route.status, route.headers ?? {});
    response.end(route.body ?? '');
  });
  server.on('connection', (socket) => sockets.add(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    server,
    port: (server.address() as AddressInfo).port,
    requests,
    sockets,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const ROUTES: Record<string, Route> = {
  '/admin': { status: 301, headers: { location: '/admin/' } },
  '/login': { status: 200, body: 'login page\nwith two lines and words' },
  '/api': { status: 403, body: 'forbidden' },
  '/old': { status: 200, body: 'placeholder!' }, // 12 bytes: the size filter's target
  '/secret.php': { status: 200, body: '<?php echo 1;' },
  '/.git/HEAD': { status: 200, body: 'ref: refs/heads/main\n', headers: { 'content-type': 'text/plain' } },
  '/.env': { status: 200, body: 'DB_PASSWORD=hunter2\n', headers: { 'content-type': 'text/plain' } },
  '/backup.zip': {
    status: 200,
    body: Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0]),
    headers: { 'content-type': 'application/zip' },
  },
};

describe('number lists, extensions and candidates', () => {
  it('reads lists and ranges, and explains what it cannot read', () => {
    expect(parseNumberList('404, 500-599,0')).toEqual([
      [404, 404],
      [500, 599],
      [0, 0],
    ]);
    expect(parseNumberList(' ')).toEqual([]);
    expect(parseNumberList('99', { min: 100, max: 599 })).toEqual({
      error: expect.stringContaining('outside'),
    });
    expect(parseNumberList('500-400')).toEqual({ error: expect.stringContaining('backwards') });
    expect(parseNumberList('4o4')).toEqual({ error: expect.stringContaining('not a number') });
  });

  it('normalizes extensions and refuses ones that would change the URL', () => {
    expect(normalizeExtensions(['php', '.bak', 'php'])).toEqual(['.php', '.bak']);
    expect(normalizeExtensions(['php?x=1'])).toEqual({ error: expect.stringContaining('php?x=1') });
    expect(normalizeExtensions(['../etc'])).toEqual({ error: expect.any(String) });
  });

  it('puts words under the URL folder, word first then each extension, without duplicates', () => {
    expect(buildCandidates('http://a.test/app?x=1', ['admin', '/a b', 'admin'], ['.php'])).toEqual([
      { word: 'admin', url: 'http://a.test/app/admin', path: '/app/admin' },
      { word: 'admin.php', url: 'http://a.test/app/admin.php', path: '/app/admin.php' },
      { word: 'a b', url: 'http://a.test/app/a%20b', path: '/app/a%20b' },
      { word: 'a b.php', url: 'http://a.test/app/a%20b.php', path: '/app/a%20b.php' },
    ]);
    expect(buildCandidates('http://a.test/', ['q?#'])[0]?.url).toBe('http://a.test/q%3F%23');
  });
});

describe('path wordlists', () => {
  it('are duplicate-free, medium holds small, and both start with the best guesses', () => {
    const { small, medium } = PATH_WORDLISTS;
    expect(new Set(small).size).toBe(small.length);
    expect(new Set(medium).size).toBe(medium.length);
    expect(small.length).toBeGreaterThanOrEqual(90);
    expect(medium.length).toBeGreaterThanOrEqual(900);
    expect(medium.slice(0, small.length)).toEqual(small);
    for (const word of ['admin', 'login', '.git/HEAD', '.env', 'api', 'backup', 'robots.txt', 'wp-admin'])
      expect(small).toContain(word);
    expect(medium.every((word) => word.trim() === word && word.length > 0)).toBe(true);
  });
});

describe('path discovery (real HTTP server on 127.0.0.1)', () => {
  let target: TestSite;
  beforeEach(async () => (target = await site(ROUTES)));
  afterEach(() => target.close());

  const words = ['admin', 'login', 'api', 'old', 'secret', '.git/HEAD', '.env', 'backup.zip', 'missing'];

  it('finds exactly the paths the filters keep, through the pinned address and a few kept-alive sockets', async () => {
    const seen: string[] = [];
    const result = await discoverPaths({
      // The host name does not resolve: every request must go to the pinned address.
      url: `http://target.invalid:${target.port}/`,
      address: '127.0.0.1',
      words,
      extensions: ['.php'],
      hideStatus: [[404, 404]],
      hideSizes: [[12, 12]],
      concurrency: 3,
      onHit: (hit) => seen.push(hit.path),
    });
    expect(result.errors).toBe(0);
    expect(result.aborted).toBe(false);
    expect(result.total).toBe(words.length * 2);
    expect(result.requests).toBe(words.length * 2);
    expect(target.requests.map((request) => request.host)).toEqual(
      Array(words.length * 2).fill(`target.invalid:${target.port}`),
    );
    expect(target.sockets.size).toBeLessThanOrEqual(3);
    expect(result.hits.map(({ sample: _sample, url: _url, ...hit }) => hit)).toEqual([
      {
        word: '.env',
        path: '/.env',
        status: 200,
        size: 20,
        words: 1,
        lines: 2,
        location: null,
        contentType: 'text/plain',
      },
      {
        word: '.git/HEAD',
        path: '/.git/HEAD',
        status: 200,
        size: 21,
        words: 2,
        lines: 2,
        location: null,
        contentType: 'text/plain',
      },
      {
        word: 'admin',
        path: '/admin',
        status: 301,
        size: 0,
        words: 1,
        lines: 1,
        location: '/admin/',
        contentType: null,
      },
      {
        word: 'api',
        path: '/api',
        status: 403,
        size: 9,
        words: 1,
        lines: 1,
        location: null,
        contentType: null,
      },
      {
        word: 'backup.zip',
        path: '/backup.zip',
        status: 200,
        size: 7,
        words: 1,
        lines: 1,
        location: null,
        contentType: 'application/zip',
      },
      {
        word: 'login',
        path: '/login',
        status: 200,
        size: 35,
        words: 6,
        lines: 2,
        location: null,
        contentType: null,
      },
      {
        word: 'secret.php',
        path: '/secret.php',
        status: 200,
        size: 13,
        words: 3,
        lines: 1,
        location: null,
        contentType: null,
      },
    ]);
    expect(seen.sort()).toEqual(result.hits.map((hit) => hit.path).sort());
  });

  it('hides status ranges', async () => {
    const result = await discoverPaths({
      url: `http://127.0.0.1:${target.port}`,
      address: '127.0.0.1',
      words,
      hideStatus: [[300, 499]],
      concurrency: 5,
    });
    expect(result.hits.map((hit) => `${hit.status} ${hit.path}`)).toEqual([
      '200 /.env',
      '200 /.git/HEAD',
      '200 /backup.zip',
      '200 /login',
      '200 /old',
    ]);
  });

  it('stops soon after a cancel and returns what it found so far', async () => {
    await target.close();
    const controller = new AbortController();
    target = await site({ '/w0': { status: 200, body: 'first' } }, { status: 404 }, (count) => {
      if (count === 20) controller.abort();
    });
    const many = Array.from({ length: 2000 }, (_, index) => `w${index}`);
    const result = await discoverPaths({
      url: `http://127.0.0.1:${target.port}/`,
      address: '127.0.0.1',
      words: many,
      hideStatus: [[404, 404]],
      concurrency: 4,
      signal: controller.signal,
    });
    // Requests already on the wire when the cancel came may still land; no new ones may follow.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(result.aborted).toBe(true);
    expect(result.errors).toBe(0);
    expect(result.requests).toBeLessThan(20);
    expect(target.requests.length).toBeLessThanOrEqual(20 + 4);
    expect(result.hits.map((hit) => hit.path)).toEqual(['/w0']);
  });
});

describe('path discovery runner', () => {
  const context = (port: number, config: Partial<PathDiscoveryConfig>, lines: string[]) =>
    ({
      config: {
        url: `http://shop.example:${port}/`,
        wordlist: 'small',
        extensions: [],
        hideStatus: '404',
        hideSizes: '12',
        concurrency: 10,
        ...config,
      },
      target: { host: 'shop.example', address: '127.0.0.1' },
      resolver: null,
      signal: new AbortController().signal,
      print: (line: string) => lines.push(line),
      workDir: '/nonexistent',
    }) satisfies RunContext<PathDiscoveryConfig>;

  it('returns paths and confirmed findings for sensitive files, printing ffuf-like hit lines', async () => {
    const target = await site(ROUTES);
    const lines: string[] = [];
    try {
      const results = await pathDiscoveryRunner(context(target.port, {}, lines));
      expect(results.map((result) => `${result.kind} ${result.key} ${result.severity}`).sort()).toEqual([
        'finding exposed:/.env high',
        'finding exposed:/.git/HEAD high',
        'finding exposed:/backup.zip medium',
        'path path:/.env info',
        'path path:/.git/HEAD info',
        'path path:/admin info',
        'path path:/api info',
        'path path:/backup.zip info',
        'path path:/login info',
      ]);
      expect(results.find((result) => result.key === 'path:/admin')?.data).toMatchObject({
        status: 301,
        location: '/admin/',
      });
      expect(lines).toContain(
        `${'admin'.padEnd(23)} [Status: \x1b[36m301\x1b[39m, Size: 0, Words: 1, Lines: 1] \x1b[2m→\x1b[22m /admin/`,
      );
      expect(lines.some((line) => line.includes(':: Progress: ['))).toBe(true);
      expect(lines.some((line) => line.includes('Warning'))).toBe(false);
    } finally {
      await target.close();
    }
  });

  it('warns about sites that answer everything, and raises no finding a catch-all page fakes', async () => {
    const page = {
      status: 200,
      body: '<!doctype html><title>App</title>',
      headers: { 'content-type': 'text/html' },
    };
    const target = await site({}, page);
    const lines: string[] = [];
    try {
      const results = await pathDiscoveryRunner(context(target.port, { hideSizes: '' }, lines));
      expect(results.filter((result) => result.kind === 'finding')).toEqual([]);
      expect(results).toHaveLength(PATH_WORDLISTS.small.length);
      expect(lines.some((line) => line.includes(`answers 200 with ${page.body.length} bytes`))).toBe(true);
    } finally {
      await target.close();
    }
  });

  it('refuses filters it cannot read', async () => {
    await expect(pathDiscoveryRunner(context(1, { hideSizes: 'big' }, []))).rejects.toThrow(/Hide sizes/);
  });
});
