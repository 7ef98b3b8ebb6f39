import { once } from 'node:events';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { pinnedPool } from './pinned-pool';
import { selfSignedCertificate } from './testing/self-signed-certificate';

/** What the server saw of each request: the Host header, the SNI name and the path. */
interface Seen {
  host: string | undefined;
  servername: string | null;
  path: string;
}

async function serve(server: Server, handler: (request: IncomingMessage, response: ServerResponse) => void) {
  const seen: Seen[] = [];
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const servername = (request.socket as TLSSocket & { servername?: string | false }).servername;
    seen.push({ host: request.headers.host, servername: servername || null, path: request.url ?? '' });
    handler(request, response);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { seen, port: (server.address() as AddressInfo).port, close: () => server.close() };
}

describe('the pinned connection pool (real servers on 127.0.0.1)', () => {
  it('sends every request to the checked address, naming the site in Host and SNI, certificate unchecked', async () => {
    const { key, cert } = selfSignedCertificate('shop.test');
    const site = await serve(createHttpsServer({ key, cert }), (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain', 'set-cookie': ['a=1', 'b=2'] });
      response.end('hello\n');
    });
    const pool = pinnedPool(`https://shop.test:${site.port}/`, '127.0.0.1', {
      connections: 2,
      timeoutMs: 5000,
      maxBodyBytes: 1000,
    });
    try {
      const answer = await pool.get('/a?b=1', `https://shop.test:${site.port}/a?b=1`);
      expect(answer).toMatchObject({
        status: 200,
        headers: { 'content-type': 'text/plain' },
        cookies: ['a=1', 'b=2'],
        bodyTruncated: false,
      });
      expect(answer.body.toString()).toBe('hello\n');
      expect(site.seen).toEqual([
        { host: `shop.test:${site.port}`, servername: 'shop.test', path: '/a?b=1' },
      ]);
    } finally {
      await pool.close();
      site.close();
    }
  });

  it('reads a body up to its cap and no further', async () => {
    const site = await serve(createHttpServer(), (_request, response) => {
      response.writeHead(200);
      // Far more than the cap, in many chunks: the pool must stop reading, not wait for the end.
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const more = () => {
        while (sent < 200 && response.write(chunk)) sent += 1;
        if (sent < 200) response.once('drain', more);
        else response.end();
      };
      more();
    });
    const pool = pinnedPool(`http://big.test:${site.port}/`, '127.0.0.1', {
      connections: 1,
      timeoutMs: 5000,
      maxBodyBytes: 100_000,
    });
    try {
      const answer = await pool.get('/', `http://big.test:${site.port}/`);
      expect(answer.bodyTruncated).toBe(true);
      expect(answer.body.length).toBe(100_000);
    } finally {
      await pool.close();
      site.close();
    }
  });
});
