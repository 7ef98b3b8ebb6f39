import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { TLSSocket } from 'node:tls';

/** A DNS lookup that always answers the one address the target policy checked. */
function pinnedLookup(address: string): LookupFunction {
  const family = isIP(address);
  return (_hostname, options, callback) => {
    // Node asks for every address (`all`) when it races IPv4 and IPv6; answer in the shape it asked.
    if ((options as { all?: boolean }).all)
      (callback as (...args: unknown[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

export interface PinnedAgentOptions {
  /** Keep connections open between requests (wordlist tools send thousands). */
  keepAlive?: boolean;
  maxSockets?: number;
}

/**
 * An HTTP(S) agent whose every connection goes to the checked address, whatever the URL's host name
 * says. TLS still sends the host name (SNI) and certificates are not verified: a scanner reports on bad
 * certificates rather than refusing to talk to them.
 */
export function pinnedAgent(url: string | URL, address: string, options: PinnedAgentOptions = {}): HttpAgent {
  const settings = {
    keepAlive: options.keepAlive ?? false,
    maxSockets: options.maxSockets ?? Infinity,
    lookup: pinnedLookup(address),
  };
  return new URL(url).protocol === 'https:'
    ? new HttpsAgent({ ...settings, rejectUnauthorized: false })
    : new HttpAgent(settings);
}

export interface PinnedRequestOptions {
  agent: HttpAgent;
  method?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** The body is read up to this many bytes; the rest is dropped (default 1 MiB). */
  maxBodyBytes?: number;
  /** No response headers within this time: the request fails (default 10 s). */
  timeoutMs?: number;
}

/** What a TLS connection negotiated, for the HTTP probe's TLS summary. */
export interface TlsSummary {
  protocol: string | null;
  cipher: string | null;
  subject: string | null;
  issuer: string | null;
  validFrom: string | null;
  validTo: string | null;
  authorized: boolean;
  authorizationError: string | null;
}

export interface PinnedResponse {
  url: string;
  status: number;
  /** Header names in lower case; repeated headers joined with ", " (cookies are in `cookies`). */
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
  bodyTruncated: boolean;
  tls: TlsSummary | null;
}

function tlsSummary(response: IncomingMessage): TlsSummary | null {
  const socket = response.socket as TLSSocket;
  if (typeof socket.getPeerCertificate !== 'function') return null;
  const certificate = socket.getPeerCertificate();
  const name = (fields: Record<string, unknown> | undefined) =>
    fields?.['CN'] ? String(fields['CN']) : fields?.['O'] ? String(fields['O']) : null;
  return {
    protocol: socket.getProtocol() ?? null,
    cipher: socket.getCipher()?.name ?? null,
    subject: name(certificate?.subject as unknown as Record<string, unknown>),
    issuer: name(certificate?.issuer as unknown as Record<string, unknown>),
    validFrom: certificate?.valid_from ? new Date(certificate.valid_from).toISOString() : null,
    validTo: certificate?.valid_to ? new Date(certificate.valid_to).toISOString() : null,
    authorized: socket.authorized,
    authorizationError: socket.authorizationError ? String(socket.authorizationError) : null,
  };
}

/** One request through a pinned agent. Redirects are never followed here: callers decide. */
export function pinnedRequest(url: string, options: PinnedRequestOptions): Promise<PinnedResponse> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576;
  return new Promise((resolve, reject) => {
    const request = send(
      target,
      {
        agent: options.agent,
        method: options.method ?? 'GET',
        headers: { 'user-agent': 'Huntkit/1.0 (+https://huntkit.dev)', accept: '*/*', ...options.headers },
        signal: options.signal,
        timeout: options.timeoutMs ?? 10_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        let settled = false;
        const tls = tlsSummary(response);
        const finish = () => {
          if (settled) return;
          settled = true;
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            if (name === 'set-cookie' || value === undefined) continue;
            headers[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({
            url,
            status: response.statusCode ?? 0,
            headers,
            cookies: response.headers['set-cookie'] ?? [],
            body: Buffer.concat(chunks),
            bodyTruncated: truncated,
            tls,
          });
        };
        const fail = (error: Error) => {
          if (settled) return;
          settled = true;
          reject(error);
        };
        response.on('data', (chunk: Buffer) => {
          const room = maxBodyBytes - size;
          if (chunk.length > room) truncated = true;
          if (room > 0) chunks.push(chunk.subarray(0, room));
          size += Math.min(chunk.length, Math.max(room, 0));
          // Stop downloading at the cap: a multi-gigabyte file must not keep the run busy.
          if (truncated) {
            finish();
            response.destroy();
          }
        });
        response.on('error', fail);
        response.once('end', finish);
        // A connection cut mid-body ends with 'close' and no 'end' on some Node versions.
        response.once('close', () => fail(new Error(`connection to ${target.host} closed mid-response`)));
      },
    );
    request.once('timeout', () => request.destroy(new Error(`no answer from ${target.host} in time`)));
    // 'on', not 'once': a second error after the first (a destroy racing a reset) must not crash the run.
    request.on('error', reject);
    request.end();
  });
}
