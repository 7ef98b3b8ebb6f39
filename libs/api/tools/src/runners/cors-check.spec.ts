import { once } from 'node:events';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkCors } from './cors-check';

/** A local server whose CORS policy is the function given. */
async function serve(
  policy: (origin: string | undefined, host: string) => OutgoingHttpHeaders,
): Promise<{ server: Server; url: string }> {
  const server = createServer((request: IncomingMessage, response) => {
    response.writeHead(200, policy(request.headers.origin, request.headers.host ?? ''));
    response.end('{}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api` };
}

describe('CORS check (a real local HTTP server)', () => {
  it('reports a reflecting, credentialed policy on every trick, as high', async () => {
    const { server, url } = await serve((origin) =>
      origin ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' } : {},
    );
    try {
      const findings = await checkCors(url);
      expect(findings.map((finding) => [finding.id, finding.severity])).toEqual([
        ['reflected-origin', 'high'],
        ['null-origin', 'high'],
        ['prefix-trick', 'high'],
        ['suffix-trick', 'high'],
      ]);
    } finally {
      server.close();
    }
  });

  it('catches a sloppy suffix match and nothing else', async () => {
    // The classic bug: trusting any origin that merely ends with the site's own host.
    const { server, url } = await serve((origin, host) =>
      origin?.endsWith(host) ? { 'access-control-allow-origin': origin } : {},
    );
    try {
      expect((await checkCors(url)).map((finding) => [finding.id, finding.severity])).toEqual([
        ['suffix-trick', 'medium'],
      ]);
    } finally {
      server.close();
    }
  });

  it('finds nothing wrong with a strict allow-list, and notes a public wildcard', async () => {
    const strict = await serve((origin) =>
      origin === 'https://app.example' ? { 'access-control-allow-origin': origin } : {},
    );
    const open = await serve(() => ({ 'access-control-allow-origin': '*' }));
    try {
      expect(await checkCors(strict.url)).toEqual([]);
      expect((await checkCors(open.url)).map((finding) => finding.id)).toEqual(['wildcard']);
    } finally {
      strict.server.close();
      open.server.close();
    }
  });
});
