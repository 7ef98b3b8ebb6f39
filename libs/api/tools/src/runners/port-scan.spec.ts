import { once } from 'node:events';
import * as net from 'node:net';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { parsePortList } from './port-list';
import { type ProbeMessage, probeSlice } from './port-probes';
import { guessService, scanPorts } from './port-scan';

async function listen(greeting: string | null): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    if (greeting) socket.write(greeting);
    socket.on('error', () => undefined);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port };
}

/** A port that was free a moment ago: nothing listens there, so a connect is refused. */
async function closedPort(): Promise<number> {
  const { server, port } = await listen(null);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('port list', () => {
  it('reads lists and ranges, and explains what it cannot read', () => {
    expect(parsePortList('443, 80,8000-8002,80')).toEqual([80, 443, 8000, 8001, 8002]);
    expect(parsePortList('1-65535')).toHaveLength(65535);
    expect(parsePortList('80-70')).toEqual({ error: expect.stringContaining('backwards') });
    expect(parsePortList('0')).toEqual({ error: expect.stringContaining('outside') });
    expect(parsePortList('http')).toEqual({ error: expect.stringContaining('not a port') });
    expect(parsePortList(' , ')).toEqual({ error: 'List at least one port.' });
  });
});

describe('port scan (real TCP listeners on 127.0.0.1)', () => {
  it('finds exactly the open ports, with their banners and a service guess', async () => {
    const ssh = await listen('SSH-2.0-OpenSSH_9.6\r\n');
    const silent = await listen(null);
    const shut = await closedPort();
    const seen: number[] = [];
    try {
      const result = await scanPorts({
        address: '127.0.0.1',
        ports: [ssh.port, silent.port, shut].sort((a, b) => a - b),
        concurrency: 3,
        timeoutMs: 1500,
        grabBanners: true,
        onOpen: (found) => seen.push(found.port),
      });
      expect(result.open).toEqual(
        [
          { port: ssh.port, banner: 'SSH-2.0-OpenSSH_9.6', service: 'ssh' },
          { port: silent.port, banner: null, service: guessService(silent.port, null) },
        ].sort((a, b) => a.port - b.port),
      );
      expect(result.closed).toBe(1);
      expect(result.filtered).toBe(0);
      expect(seen.sort()).toEqual([ssh.port, silent.port].sort());
    } finally {
      ssh.server.close();
      silent.server.close();
    }
  });

  it('finds the same on worker threads as on one, and reports open ports as they are found', async () => {
    const ssh = await listen('SSH-2.0-OpenSSH_9.6\r\n');
    const silent = await listen(null);
    const shut = await closedPort();
    try {
      const ports = [ssh.port, silent.port, shut, ...Array.from({ length: 40 }, (_, index) => index + 1)];
      const seen: number[] = [];
      const scan = (threads: number) =>
        scanPorts({
          address: '127.0.0.1',
          ports,
          concurrency: 20,
          timeoutMs: 1500,
          grabBanners: true,
          threads,
        });
      const threaded = await scanPorts({
        address: '127.0.0.1',
        ports,
        concurrency: 20,
        timeoutMs: 1500,
        grabBanners: true,
        threads: 2,
        onOpen: (found) => seen.push(found.port),
      });
      expect(threaded).toEqual(await scan(1));
      expect(threaded.open).toEqual(
        expect.arrayContaining([
          { port: ssh.port, banner: 'SSH-2.0-OpenSSH_9.6', service: 'ssh' },
          { port: silent.port, banner: null, service: guessService(silent.port, null) },
        ]),
      );
      expect(threaded.open.length + threaded.closed + threaded.filtered).toBe(ports.length);
      expect(seen.sort()).toEqual(threaded.open.map((found) => found.port).sort());
    } finally {
      ssh.server.close();
      silent.server.close();
    }
  });

  it('does not take a socket the kernel joined to itself for an open port', async () => {
    const port = await closedPort();
    // The kernel's simultaneous open: a socket bound to the port it connects to meets itself there,
    // as a scan of our own host's ephemeral range can by chance.
    class SelfJoiningSocket extends net.Socket {
      override connect(...args: unknown[]): this {
        return super.connect({
          port: args[0] as number,
          host: String(args[1]),
          localPort: args[0] as number,
        });
      }
    }
    const messages: ProbeMessage[] = [];
    await new Promise<void>((resolve) =>
      probeSlice(
        { ...net, Socket: SelfJoiningSocket } as typeof net,
        {
          address: '127.0.0.1',
          ports: [port],
          concurrency: 1,
          timeoutMs: 1500,
          grabBanners: true,
          bannerWaitMs: 100,
        },
        (message) => {
          messages.push(message);
          if (message.type === 'done') resolve();
        },
        { stopped: false },
      ),
    );
    expect(messages).toEqual([{ type: 'done', closed: 1, filtered: 0 }]);
  });

  it.each([1, 2])('stops when cancelled, on %i thread(s)', async (threads) => {
    const controller = new AbortController();
    controller.abort();
    const result = await scanPorts({
      address: '127.0.0.1',
      ports: [1, 2, 3, 4],
      concurrency: 1,
      timeoutMs: 500,
      grabBanners: false,
      signal: controller.signal,
      threads,
    });
    expect(result).toEqual({ open: [], closed: 0, filtered: 0 });
  });

  it('stops the threads of a running scan when cancelled, with what it found so far', async () => {
    const controller = new AbortController();
    const ports = Array.from({ length: 20_000 }, (_, index) => index + 1);
    const scanning = scanPorts({
      address: '127.0.0.1',
      ports,
      concurrency: 10,
      timeoutMs: 500,
      grabBanners: false,
      signal: controller.signal,
      threads: 2,
    });
    setImmediate(() => controller.abort());
    const result = await scanning;
    expect(result.open.length + result.closed + result.filtered).toBeLessThan(ports.length);
  });

  it('guesses services from banners before ports', () => {
    expect(guessService(2222, 'SSH-2.0-dropbear')).toBe('ssh');
    expect(guessService(8081, 'HTTP/1.1 400 Bad Request')).toBe('http');
    expect(guessService(5432, null)).toBe('postgresql');
    expect(guessService(31337, null)).toBeNull();
  });
});
