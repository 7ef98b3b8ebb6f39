import { once } from 'node:events';
import { createServer, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunContext } from './runner';
import { auditSecurityHeaders, auditUrl, securityHeadersRunner } from './security-headers';

/** The URL names a host that resolves nowhere: only the pinned address can reach the server. */
async function serve(
  headers: OutgoingHttpHeaders,
): Promise<{ server: Server; url: string; hosts: string[] }> {
  const hosts: string[] = [];
  const server = createServer((request, response) => {
    hosts.push(request.headers.host ?? '');
    response.writeHead(200, headers);
    response.end('ok');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://headers.test:${(server.address() as AddressInfo).port}/`, hosts };
}

function context(url: string, signal = new AbortController().signal) {
  const lines: string[] = [];
  const run: RunContext<{ url: string }> = {
    config: { url },
    target: { host: 'headers.test', address: '127.0.0.1' },
    resolver: null,
    signal,
    print: (line) => lines.push(line),
    workDir: '/nonexistent',
  };
  return { run, lines };
}

const HARDENED = {
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=()',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
};

describe('security headers audit (a real local HTTP server)', () => {
  it('gives a hardened response an A+, and nothing to report', async () => {
    const { server, url, hosts } = await serve(HARDENED);
    try {
      expect(await auditUrl(url, '127.0.0.1')).toEqual({
        status: 200,
        headers: expect.objectContaining(HARDENED),
        grade: 'A+',
        score: 100,
        findings: [],
      });
      expect(hosts).toEqual([new URL(url).host]);
    } finally {
      server.close();
    }
  });

  it('finds exactly what a careless response gets wrong', async () => {
    const { server, url } = await serve({
      server: 'Apache/2.4.1',
      'content-security-policy': "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
      'referrer-policy': 'unsafe-url',
      'set-cookie': ['session=abc; Path=/', 'theme=dark; HttpOnly; SameSite=Lax'],
    });
    try {
      const audit = await auditUrl(url, '127.0.0.1');
      expect(audit.findings.map((finding) => [finding.id, finding.severity])).toEqual([
        ['csp-unsafe-inline', 'medium'],
        ['csp-unsafe-eval', 'low'],
        ['framing', 'medium'],
        ['nosniff', 'low'],
        ['referrer-unsafe', 'medium'],
        ['permissions-missing', 'low'],
        ['coop-missing', 'info'],
        ['coep-missing', 'info'],
        ['corp-missing', 'info'],
        ['cookie-httponly', 'low'],
        ['cookie-samesite', 'low'],
        ['server-version', 'low'],
      ]);
      expect(audit).toMatchObject({ score: 25, grade: 'F' });
    } finally {
      server.close();
    }
  });

  it('checks HSTS and cookie Secure flags on HTTPS only', () => {
    const https = auditSecurityHeaders({
      url: 'https://example.test/',
      headers: { ...HARDENED, 'strict-transport-security': 'max-age=300' },
      cookies: ['sid=1; HttpOnly; SameSite=Strict'],
    });
    expect(https.findings.map((finding) => finding.id)).toEqual([
      'hsts-short',
      'hsts-subdomains',
      'cookie-secure',
    ]);
    expect(
      auditSecurityHeaders({ url: 'https://example.test/', headers: HARDENED, cookies: [] }).findings[0]?.id,
    ).toBe('hsts-missing');
  });
});

describe('security headers runner', () => {
  it('prints the grade and returns it with one result per finding, cookies kept apart', async () => {
    const { server, url } = await serve({
      ...HARDENED,
      'x-powered-by': 'PHP/8.2.1',
      'set-cookie': ['a=1; HttpOnly', 'b=2; HttpOnly'],
    });
    const { run, lines } = context(url);
    try {
      const results = await securityHeadersRunner(run);
      expect(results).toEqual([
        {
          kind: 'header',
          key: 'grade',
          title: 'Security headers grade B (85/100)',
          severity: 'info',
          data: {
            url,
            status: 200,
            grade: 'B',
            score: 85,
            headers: { ...HARDENED, 'x-powered-by': 'PHP/8.2.1' },
          },
        },
        ...[
          ['cookie-samesite', 'a'],
          ['cookie-samesite', 'b'],
        ].map(([id, cookie]) => ({
          kind: 'finding',
          key: `header:${id}:${cookie}`,
          title: `Cookie ${cookie} without SameSite`,
          severity: 'low',
          data: { url, id, cookie, detail: expect.any(String) },
        })),
        {
          kind: 'finding',
          key: 'header:x-powered-by-version',
          title: 'x-powered-by reveals a version',
          severity: 'low',
          data: { url, id: 'x-powered-by-version', cookie: null, detail: 'x-powered-by: PHP/8.2.1' },
        },
      ]);
      expect(lines.join('\n')).toContain('grade');
      expect(lines.some((line) => line.includes('[LOW]') && line.includes('x-powered-by'))).toBe(true);
    } finally {
      server.close();
    }
  });

  it('returns nothing when cancelled before an answer', async () => {
    const controller = new AbortController();
    controller.abort();
    const { run } = context('http://headers.test:9/', controller.signal);
    expect(await securityHeadersRunner(run)).toEqual([]);
  });
});
