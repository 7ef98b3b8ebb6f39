import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { httpProbeRunner, pageTitle, type HttpProbeConfig } from './http-probe';
import { pinnedAgent, pinnedRequest } from './pinned-http';
import type { RunContext } from './runner';
import { selfSignedCertificate } from './testing/self-signed-certificate';
import { decodeEntities, fingerprint } from './technology-fingerprints';

const dir = mkdtempSync(join(tmpdir(), 'http-probe-'));
const { key: KEY, cert: CERT } = selfSignedCertificate('probe.test');

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** The host name resolves nowhere: every answer proves the pinned address was used. */
const HOST = 'probe.test';
const servers: Server[] = [];
/** Every request any test server got, as `host path`. */
const seen: string[] = [];

async function listen(server: Server, handler: Handler): Promise<number> {
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    seen.push(`${request.headers.host} ${request.url}`);
    handler(request, response);
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}
const serveHttp = (handler: Handler) => listen(createServer(), handler);
const serveHttps = (handler: Handler) => listen(createHttpsServer({ key: KEY, cert: CERT }), handler);

function context(config: Partial<HttpProbeConfig> & { url: string }, signal = new AbortController().signal) {
  const lines: string[] = [];
  const run: RunContext<HttpProbeConfig> = {
    config: { followRedirects: true, maxRedirects: 10, ...config },
    target: { host: HOST, address: '127.0.0.1' },
    resolver: null,
    signal,
    print: (line) => lines.push(line),
    workDir: dir,
  };
  return { run, lines };
}

beforeEach(() => {
  seen.length = 0;
});

afterAll(() => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

const PAGE =
  '<!doctype html><html><head><title>\n  Tom &amp; Jerry&#39;s &#x2764; shop  </title>' +
  '<meta content="WordPress 6.4.2" name="generator"><link rel="stylesheet" href="/wp-content/themes/a.css">' +
  '<script src="/js/jquery-3.7.1.min.js"></script></head><body>hi</body></html>';

describe('HTTP probe (real local HTTP and HTTPS servers, pinned address)', () => {
  it('follows a same-host chain to HTTPS and reports page, TLS, technologies and findings', async () => {
    const httpsPort = await serveHttps((_, response) => {
      response.writeHead(200, {
        server: 'nginx/1.25.3',
        'x-powered-by': 'PHP/8.2.1',
        'content-type': 'text/html; charset=utf-8',
        'set-cookie': 'laravel_session=abc; HttpOnly',
      });
      response.end(PAGE);
    });
    const final = `https://${HOST}:${httpsPort}/app`;
    const httpPort = await serveHttp((request, response) => {
      response.writeHead(request.url === '/' ? 301 : 302, {
        location: request.url === '/' ? '/home' : final,
      });
      response.end();
    });
    const start = `http://${HOST}:${httpPort}/`;
    const { run, lines } = context({ url: start });
    const results = await httpProbeRunner(run);
    const x509 = new X509Certificate(CERT);
    const service = (name: string, category: string, version: string | null, evidence: string[]) => ({
      kind: 'service',
      key: `tech:${name.toLowerCase()}`,
      title: version ? `${name} ${version}` : name,
      severity: 'info',
      data: { name, category, version, evidence, url: final },
    });
    const disclosure = (name: string, version: string, source: string) => ({
      kind: 'finding',
      key: `finding:version-disclosure:${name.toLowerCase()}`,
      title: `${name} version disclosed (${version})`,
      severity: 'low',
      data: { url: final, technology: name, version, source },
    });
    expect(results).toEqual([
      {
        kind: 'url',
        key: `url:${final}`,
        title: `${final} [200] Tom & Jerry's ❤ shop`,
        severity: 'info',
        data: {
          url: final,
          requestedUrl: start,
          status: 200,
          title: "Tom & Jerry's ❤ shop",
          server: 'nginx/1.25.3',
          contentType: 'text/html; charset=utf-8',
          contentLength: Buffer.byteLength(PAGE),
          bodyTruncated: false,
          chain: [
            { url: start, status: 301, location: `http://${HOST}:${httpPort}/home` },
            { url: `http://${HOST}:${httpPort}/home`, status: 302, location: final },
            { url: final, status: 200, location: null },
          ],
          note: null,
          tls: {
            protocol: 'TLSv1.3',
            cipher: expect.stringMatching(/^TLS_/),
            subject: 'probe.test',
            issuer: 'probe.test',
            validFrom: x509.validFromDate.toISOString(),
            validTo: x509.validToDate.toISOString(),
            authorized: false,
            authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
          },
          technologies: ['nginx', 'PHP', 'Laravel', 'WordPress', 'jQuery'],
        },
      },
      service('nginx', 'web server', '1.25.3', ['header server: nginx/1.25.3']),
      service('PHP', 'language', '8.2.1', ['header x-powered-by: PHP/8.2.1']),
      service('Laravel', 'web framework', null, ['cookie laravel_session']),
      service('WordPress', 'CMS', '6.4.2', ['meta generator: WordPress 6.4.2', 'body: /wp-content/']),
      service('jQuery', 'JS library', '3.7.1', ['body: jquery-3.7.1.min.js']),
      disclosure('nginx', '1.25.3', 'header server: nginx/1.25.3'),
      disclosure('PHP', '8.2.1', 'header x-powered-by: PHP/8.2.1'),
      disclosure('WordPress', '6.4.2', 'meta generator: WordPress 6.4.2'),
      {
        kind: 'finding',
        key: 'finding:tls-invalid-cert',
        title: 'TLS certificate not valid (DEPTH_ZERO_SELF_SIGNED_CERT)',
        severity: 'medium',
        data: {
          url: final,
          authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
          subject: 'probe.test',
          issuer: 'probe.test',
          validTo: x509.validToDate.toISOString(),
        },
      },
    ]);
    expect(seen).toEqual([`${HOST}:${httpPort} /`, `${HOST}:${httpPort} /home`, `${HOST}:${httpsPort} /app`]);
    expect(lines.some((line) => line.includes('[MEDIUM]') && line.includes('TLS certificate'))).toBe(true);
  });

  it('stops at a redirect to another host, which the checked address does not belong to', async () => {
    const port = await serveHttp((_, response) => {
      // Same port: had the probe followed it, the pinned address would have reached this server again.
      response.writeHead(302, { location: `http://elsewhere.test:${port}/x` });
      response.end();
    });
    const start = `http://${HOST}:${port}/`;
    const results = await httpProbeRunner(context({ url: start }).run);
    expect(seen).toEqual([`${HOST}:${port} /`]);
    expect(results).toEqual([
      {
        kind: 'url',
        key: `url:${start}`,
        title: `${start} [302]`,
        severity: 'info',
        data: expect.objectContaining({
          url: start,
          status: 302,
          chain: [{ url: start, status: 302, location: `http://elsewhere.test:${port}/x` }],
          note: `redirects to another host (elsewhere.test:${port}): not followed, the checked address belongs to ${HOST}`,
          tls: null,
          technologies: [],
        }),
      },
      {
        kind: 'finding',
        key: 'finding:no-https-redirect',
        title: 'Served over plain HTTP without a redirect to HTTPS',
        severity: 'low',
        data: { url: start, chain: [start] },
      },
    ]);
  });

  it('honours the redirect limit and the follow switch, and says HTTPS is only unknown then', async () => {
    const port = await serveHttp((request, response) => {
      const step = Number(request.url?.split('/')[2] ?? 0);
      response.writeHead(302, { location: `/loop/${step + 1}`, 'x-powered-by': 'Express' });
      response.end();
    });
    const start = `http://${HOST}:${port}/loop/0`;
    const results = await httpProbeRunner(context({ url: start, maxRedirects: 2 }).run);
    expect(seen).toEqual([0, 1, 2].map((step) => `${HOST}:${port} /loop/${step}`));
    const url = `http://${HOST}:${port}/loop/2`;
    expect(results.map((result) => [result.kind, result.key, result.severity])).toEqual([
      ['url', `url:${url}`, 'info'],
      ['service', 'tech:express', 'info'],
      ['service', 'tech:node.js', 'info'],
      ['finding', 'finding:no-https-redirect', 'info'],
    ]);
    expect(results[0]?.data).toMatchObject({ note: 'stopped after 2 redirects', status: 302 });
    expect(results[2]?.data).toMatchObject({ evidence: ['implied by Express'] });

    seen.length = 0;
    const once = await httpProbeRunner(context({ url: start, followRedirects: false }).run);
    expect(seen).toHaveLength(1);
    expect(once[0]).toMatchObject({ key: `url:${start}`, data: { note: 'redirects not followed' } });
  });

  it('reads compressed, non-UTF-8 pages served over plain HTTP', async () => {
    const port = await serveHttp((_, response) => {
      const page = gzipSync(Buffer.from('<title>Caf\u00e9 &lt;menu&gt;</title>', 'latin1'));
      response.writeHead(200, {
        'content-type': 'text/html; charset=iso-8859-1',
        'content-encoding': 'gzip',
        'content-length': page.length,
      });
      response.end(page);
    });
    const start = `http://${HOST}:${port}/`;
    const [page, ...rest] = await httpProbeRunner(context({ url: start }).run);
    expect(page?.data).toMatchObject({ title: 'Café <menu>', contentLength: expect.any(Number), tls: null });
    expect(rest.map((result) => [result.key, result.severity])).toEqual([
      ['finding:no-https-redirect', 'low'],
    ]);
  });

  it('returns nothing and stops at once when cancelled before an answer', async () => {
    const controller = new AbortController();
    const port = await serveHttp(() => controller.abort()); // never answers
    const { run, lines } = context({ url: `http://${HOST}:${port}/` }, controller.signal);
    const started = Date.now();
    expect(await httpProbeRunner(run)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(lines.join('\n')).toContain('cancelled');
  });
});

describe('pinned client', () => {
  it('stops reading at the body cap instead of downloading everything', async () => {
    const chunk = Buffer.alloc(65_536, 'a');
    let written = 0;
    let connectionClosed!: () => void;
    const closed = new Promise<void>((resolve) => (connectionClosed = resolve));
    const port = await serveHttp((_, response) => {
      // 64 MiB, unless the client hangs up first.
      const pump = () => {
        while (written < 1024 && response.write(chunk)) written++;
        if (written < 1024) response.once('drain', pump);
        else response.end();
      };
      response.on('close', () => connectionClosed());
      pump();
    });
    const url = `http://${HOST}:${port}/big`;
    const response = await pinnedRequest(url, { agent: pinnedAgent(url, '127.0.0.1'), maxBodyBytes: 1000 });
    expect(response.body.length).toBe(1000);
    expect(response.bodyTruncated).toBe(true);
    await closed;
    expect(written).toBeLessThan(1024); // the client hung up long before the end
  });
});

describe('fingerprint and title', () => {
  const tech = (headers: Record<string, string>, body = '', cookies: string[] = []) =>
    fingerprint({ headers, cookies, body }).map((found) =>
      found.version ? `${found.name} ${found.version}` : found.name,
    );

  it('reads servers, frameworks, CDNs and caches from headers and cookies', () => {
    expect(tech({ server: 'Apache/2.4.58 (Ubuntu) PHP/8.1.2' })).toEqual(['Apache 2.4.58', 'PHP 8.1.2']);
    expect(tech({ server: 'Apache-Coyote/1.1' }, '', ['JSESSIONID=1; Path=/'])).toEqual(['Tomcat', 'Java']);
    expect(
      tech({ server: 'Microsoft-IIS/10.0', 'x-aspnet-version': '4.0.30319', 'x-powered-by': 'ASP.NET' }),
    ).toEqual(['IIS 10.0', 'ASP.NET 4.0.30319']);
    expect(tech({ server: 'cloudflare', 'cf-ray': '8a-AMS', via: '1.1 varnish (Varnish/7.4)' })).toEqual([
      'Cloudflare',
      'Varnish 7.4',
    ]);
    expect(tech({}, '', ['csrftoken=x; Path=/'])).toEqual(['Django', 'Python']);
    expect(tech({ 'x-generator': 'Drupal 10 (https://www.drupal.org)' })).toEqual(['PHP', 'Drupal 10']);
    expect(tech({ 'x-application-context': 'app:8080' })).toEqual(['Spring', 'Java']);
    expect(tech({ server: 'gws' })).toEqual([]);
  });

  it('reads front-end frameworks and CMSs from the page', () => {
    expect(tech({ 'x-powered-by': 'Next.js' }, '<script id="__NEXT_DATA__">')).toEqual(['Next.js', 'React']);
    expect(tech({}, '<div id="__nuxt"></div><script src="/_nuxt/app.js">')).toEqual(['Nuxt', 'Vue']);
    expect(tech({}, '<app-root ng-version="17.3.1"></app-root>')).toEqual(['Angular 17.3.1']);
    expect(tech({}, '<meta name="generator" content="Joomla! - Open Source Content Management">')).toEqual([
      'PHP',
      'Joomla',
    ]);
    expect(tech({}, '<meta name="csrf-param" content="authenticity_token" />')).toEqual([
      'Ruby on Rails',
      'Ruby',
    ]);
    expect(tech({}, '<script src="https://code.jquery.com/jquery.min.js">')).toEqual(['jQuery']);
    // A version from a file name is not something the site chose to publish.
    expect(fingerprint({ headers: {}, cookies: [], body: 'jquery-1.12.4.js' })[0]?.disclosedBy).toBeNull();
  });

  it('decodes titles', () => {
    expect(pageTitle('<TITLE lang="en">  A\n\t&quot;B&quot; &#8212; C </TITLE>')).toBe('A "B" — C');
    expect(pageTitle('<title></title>')).toBeNull();
    expect(pageTitle('no title')).toBeNull();
    expect(decodeEntities('&unknown; &#0; &amp;amp;')).toBe('&unknown; &#0; &amp;');
  });
});
