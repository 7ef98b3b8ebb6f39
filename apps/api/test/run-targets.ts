import { once } from 'node:events';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { type AddressInfo, createServer, type Server } from 'node:net';

/** A TCP listener on 127.0.0.1 that says `banner` first (or nothing), for port scans. */
export async function tcpListener(banner?: string): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((socket) => {
    socket.on('error', () => undefined);
    if (banner) socket.write(banner);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A port that was free a moment ago and has nothing listening now: it answers "closed". */
export async function closedPort(): Promise<number> {
  const listener = await tcpListener();
  await listener.close();
  return listener.port;
}

/**
 * A web server that takes `delayMs` to answer each request: 200 for `found` paths, 404 otherwise.
 * Path discovery against it runs for as long as a test needs to act mid-run.
 */
export async function slowWebServer(
  delayMs: number,
  found: readonly string[] = [],
): Promise<{ url: string; requests: () => number; close(): void }> {
  let requests = 0;
  const server: HttpServer = createHttpServer((request, response) => {
    requests += 1;
    setTimeout(() => {
      const hit = found.includes(request.url ?? '');
      response.writeHead(hit ? 200 : 404, { 'content-type': 'text/plain' });
      response.end(hit ? 'here it is\n' : 'not found\n');
    }, delayMs);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    requests: () => requests,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
