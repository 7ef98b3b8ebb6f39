import { once } from 'node:events';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkCors, corsCheckRunner } from './cors-check';
import type { RunContext } from './runner';

const ADDRESS = '127.0.0.1';

/**
 * A local server whose CORS policy is the function given. Its URL names a host that resolves nowhere,
 * so every answer proves the request went to the pinned address.
 */
async function serve(
  policy: (origin: string | undefined, host: string) => OutgoingHttpHeaders,
): Promise<{ server: Server; url: string; requests: number }> {
  const served = { requests: 0 };
  const server = createServer((request: IncomingMessage, response) => {
    served.requests++;
    response.writeHead(200, policy(request.headers.origin, request.headers.host ?? ''));
    response.end('{}');
  });
  server.listen(0, ADDRESS);
  await once(server, 'listening');
  const url = `http://cors.test:${(server.address() as AddressInfo).port}/api`;
  return Object.assign(served, { server, url });
}

describe('CORS check (a real local HTTP server)', () => {
  it('reports a reflecting, credentialed policy on every trick, as high', async () => {
    const { server, url } = await serve((origin) =>
      origin ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' } : {},
    );
    try {
      const findings = await checkCors(url, ADDRESS);
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
      expect((await checkCors(url, ADDRESS)).map((finding) => [finding.id, finding.severity])).toEqual([
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
      expect(await checkCors(strict.url, ADDRESS)).toEqual([]);
      expect((await checkCors(open.url, ADDRESS)).map((finding) => finding.id)).toEqual(['wildcard']);
    } finally {
      strict.server.close();
      open.server.close();
    }
  });
});

describe('CORS check runner', () => {
  function context(url: string, signal = new AbortController().signal) {
    const lines: string[] = [];
    const run: RunContext<{ url: string }> = {
      config: { url },
      target: { host: 'cors.test', address: ADDRESS },
      resolver: null,
      signal,
      print: (line) => lines.push(line),
      workDir: '/nonexistent',
    };
    return { run, lines };
  }

  it('returns one finding result per misconfiguration and prints them', async () => {
    const { server, url } = await serve((origin) =>
      origin === 'null' ? { 'access-control-allow-origin': 'null' } : {},
    );
    const { run, lines } = context(url);
    try {
      expect(await corsCheckRunner(run)).toEqual([
        {
          kind: 'finding',
          key: 'cors:null-origin',
          title: 'The null origin is allowed',
          severity: 'medium',
          data: {
            url,
            id: 'null-origin',
            origin: 'null',
            detail: 'Origin null is allowed to read responses (without credentials).',
          },
        },
      ]);
      expect(lines.some((line) => line.includes('[MEDIUM]') && line.includes('null origin'))).toBe(true);
    } finally {
      server.close();
    }
  });

  it('keeps the findings made before a cancel, and sends nothing more', async () => {
    const controller = new AbortController();
    // Reflects every origin, and cancels the run while answering the second probe.
    const served = await serve((origin) => {
      if (served.requests === 2) controller.abort();
      return origin ? { 'access-control-allow-origin': origin } : {};
    });
    const { run, lines } = context(served.url, controller.signal);
    try {
      const results = await corsCheckRunner(run);
      expect(results.map((result) => result.key)).toEqual(['cors:reflected-origin']);
      expect(served.requests).toBe(2);
      expect(lines.join('\n')).toContain('cancelled');
    } finally {
      served.server.close();
    }
  });
});
