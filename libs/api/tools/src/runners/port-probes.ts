import * as net from 'node:net';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** One thread's share of a scan. Plain data: it is handed to worker threads as it is. */
export interface ProbeSlice {
  address: string;
  ports: number[];
  concurrency: number;
  timeoutMs: number;
  grabBanners: boolean;
  bannerWaitMs: number;
}

export type ProbeMessage =
  | { type: 'open'; port: number; banner: string | null }
  | { type: 'done'; closed: number; filtered: number };

/**
 * TCP connect probes of every port of a slice, `concurrency` at a time, reported through `emit`: each
 * open port as it is found, then the counts. Written for speed (a scan of every port makes 65,535
 * connections): callbacks rather than a promise per probe, and the socket's own idle timer rather
 * than a timer of our own. It must stay self-contained (no imports, no names from this module): worker
 * threads run it from its source text.
 */
export function probeSlice(
  sockets: typeof net,
  slice: ProbeSlice,
  emit: (message: ProbeMessage) => void,
  control: { stopped: boolean },
): void {
  const { address, ports, concurrency, timeoutMs, grabBanners, bannerWaitMs } = slice;
  let next = 0;
  let active = 0;
  let closed = 0;
  let filtered = 0;
  const printable = (text: string) =>
    text
      .replace(/[^\x20-\x7e]+/g, ' ')
      .trim()
      .slice(0, 200) || null;

  const launch = () => {
    while (active < concurrency && next < ports.length && !control.stopped) {
      const port = ports[next++] as number;
      active += 1;
      const socket = new sockets.Socket();
      // pending → connected (reading a banner) → one of open, closed, filtered.
      let state: 'pending' | 'connected' | 'open' | 'closed' | 'filtered' = 'pending';
      let banner = '';
      const settle = (final: 'open' | 'closed' | 'filtered') => {
        if (state === 'open' || state === 'closed' || state === 'filtered') return;
        state = final;
        socket.destroy();
      };
      socket.setTimeout(timeoutMs);
      // No answer within the timeout: a firewall dropped the packets (or a silent service ends its wait).
      socket.once('timeout', () => settle(state === 'connected' ? 'open' : 'filtered'));
      socket.once('error', (error: NodeJS.ErrnoException) =>
        settle(state === 'connected' ? 'open' : error.code === 'ECONNREFUSED' ? 'closed' : 'filtered'),
      );
      socket.once('connect', () => {
        // Scanning the ephemeral range of our own host, the kernel can join a socket to itself
        // (a simultaneous open): nothing listens there, so the port is closed.
        if (socket.localPort === port && socket.localAddress === socket.remoteAddress)
          return settle('closed');
        if (!grabBanners) return settle('open');
        state = 'connected';
        // Services that speak first (SSH, SMTP, FTP…) do so at once; the others stay silent.
        socket.setTimeout(bannerWaitMs);
        socket.on('data', (chunk: Buffer) => {
          banner += chunk.toString('latin1');
          if (banner.length >= 200 || banner.includes('\n')) settle('open');
        });
        socket.once('end', () => settle('open'));
      });
      socket.once('close', () => {
        active -= 1;
        if (state === 'open') emit({ type: 'open', port, banner: printable(banner) });
        else if (state === 'closed') closed += 1;
        else filtered += 1;
        if (active === 0 && (next >= ports.length || control.stopped))
          emit({ type: 'done', closed, filtered });
        else launch();
      });
      socket.connect(port, address);
    }
  };
  launch();
  if (active === 0) emit({ type: 'done', closed, filtered });
}

/**
 * A worker thread's program: the probe loop from its own source, stopped by any message. Refused
 * connections are the common case and each comes as an Error: capturing no stack for them (in this
 * thread only) saves a tenth of a full scan.
 */
const THREAD_PROGRAM = `
Error.stackTraceLimit = 0;
const sockets = require('node:net');
const { parentPort, workerData } = require('node:worker_threads');
const control = { stopped: false };
parentPort.on('message', () => { control.stopped = true; });
(${probeSlice.toString()})(sockets, workerData, (message) => parentPort.postMessage(message), control);
`;

/** Below this many ports a thread costs more to start than it saves. */
const PORTS_PER_THREAD = 4096;

/** How many threads a scan of `ports` ports uses: one per core, up to a few, for large scans only. */
export function threadsFor(ports: number): number {
  return Math.max(1, Math.min(availableParallelism(), 4, Math.floor(ports / PORTS_PER_THREAD)));
}

/**
 * Runs the probes of `slice` on `threads` threads (this one when 1), each with its share of the ports
 * (interleaved, so each meets the same mix of open and closed ones) and of the concurrency. Resolves
 * with the closed and filtered counts once every thread is done; `signal` stops them all early.
 */
export function probeOnThreads(
  slice: ProbeSlice,
  threads: number,
  onOpen: (port: number, banner: string | null) => void,
  signal?: AbortSignal,
): Promise<{ closed: number; filtered: number }> {
  const totals = { closed: 0, filtered: 0 };
  if (signal?.aborted) return Promise.resolve(totals);
  const shares = Array.from(
    { length: threads },
    (_, index): ProbeSlice => ({
      ...slice,
      ports: slice.ports.filter((_, position) => position % threads === index),
      concurrency: Math.max(1, Math.ceil(slice.concurrency / threads)),
    }),
  );
  return Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((resolve, reject) => {
          const handle = (message: ProbeMessage, finish: () => void) => {
            if (message.type === 'open') return onOpen(message.port, message.banner);
            totals.closed += message.closed;
            totals.filtered += message.filtered;
            finish();
          };
          if (threads === 1) {
            const control = { stopped: false };
            const stop = () => (control.stopped = true);
            signal?.addEventListener('abort', stop, { once: true });
            return probeSlice(
              net,
              share,
              (message) =>
                handle(message, () => {
                  signal?.removeEventListener('abort', stop);
                  resolve();
                }),
              control,
            );
          }
          const worker = new Worker(THREAD_PROGRAM, { eval: true, workerData: share });
          const stop = () => worker.postMessage('stop');
          signal?.addEventListener('abort', stop, { once: true });
          worker.on('message', (message: ProbeMessage) =>
            handle(message, () => {
              signal?.removeEventListener('abort', stop);
              void worker.terminate().then(() => resolve());
            }),
          );
          worker.once('error', reject);
        }),
    ),
  ).then(() => totals);
}
