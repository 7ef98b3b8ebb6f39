import { once } from 'node:events';
import { createServer, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { auditSecurityHeaders, auditUrl } from './security-headers';

async function serve(headers: OutgoingHttpHeaders): Promise<{ server: Server; url: string }> {
  const server = createServer((_, response) => {
    response.writeHead(200, headers);
    response.end('ok');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
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
    const { server, url } = await serve(HARDENED);
    try {
      expect(await auditUrl(url)).toEqual({ status: 200, grade: 'A+', score: 100, findings: [] });
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
      const audit = await auditUrl(url);
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
