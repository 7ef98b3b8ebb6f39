import { isIP } from 'node:net';
import { Pool } from 'undici';
import type { PinnedResponse } from './pinned-http';

export interface PinnedPoolOptions {
  /** Connections kept open to the target: one per request in flight. */
  connections: number;
  /** No response headers (or a stalled body) within this time: the request fails. */
  timeoutMs: number;
  /** The body is read up to this many bytes; the rest is dropped. */
  maxBodyBytes: number;
}

/** Requests to one site over a keep-alive pool, for tools that send thousands (path discovery). */
export interface PinnedPool {
  /** GET of `path` (with its query) on the site; `url` is what the response reports. */
  get(path: string, url: string, signal?: AbortSignal): Promise<PinnedResponse>;
  close(): Promise<void>;
}

const USER_AGENT = 'Huntkit/1.0 (+https://huntkit.dev)';

/**
 * An undici pool whose connections all go to the checked address: the origin is that address, and
 * the URL's host travels in the Host header and (for HTTPS) in SNI, so no DNS answer can redirect it.
 * Certificates are not verified: a scanner reports on bad certificates rather than refusing them.
 */
export function pinnedPool(siteUrl: string, address: string, options: PinnedPoolOptions): PinnedPool {
  const site = new URL(siteUrl);
  const port = site.port || (site.protocol === 'https:' ? '443' : '80');
  const host = isIP(address) === 6 ? `[${address}]` : address;
  const hostname = site.hostname.replace(/^\[|\]$/g, '');
  const pool = new Pool(`${site.protocol}//${host}:${port}`, {
    connections: options.connections,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: {
      rejectUnauthorized: false,
      ...(site.protocol === 'https:' && !isIP(hostname) ? { servername: hostname } : {}),
    },
  });
  const headers = { host: site.host, 'user-agent': USER_AGENT, accept: '*/*' };

  async function get(path: string, url: string, signal?: AbortSignal): Promise<PinnedResponse> {
    const response = await pool.request({
      path,
      method: 'GET',
      headers,
      signal,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      const room = options.maxBodyBytes - size;
      if (chunk.length > room) truncated = true;
      if (room > 0) chunks.push(room >= chunk.length ? chunk : chunk.subarray(0, room));
      size += Math.min(chunk.length, Math.max(room, 0));
      // Stop downloading at the cap: a multi-gigabyte file must not keep the run busy.
      if (truncated) break;
    }
    if (truncated) response.body.destroy();
    const flat: Record<string, string> = {};
    let cookies: string[] = [];
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      if (name === 'set-cookie') cookies = Array.isArray(value) ? value : [value];
      else flat[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    return {
      url,
      status: response.statusCode,
      headers: flat,
      cookies,
      body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks),
      bodyTruncated: truncated,
      tls: null,
    };
  }

  return { get, close: () => pool.destroy() };
}
