import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';

/** A DNS server to ask: always an IP, so the target policy can check it before a run starts. */
export interface ResolverAddress {
  address: string;
  port: number;
}

const DNS_PORT = 53;

/**
 * Reads a resolver field: `1.1.1.1`, `1.1.1.1:5353`, `2606:4700::1111`, `[::1]` or `[::1]:5353`.
 * Host names are refused: resolving them would need a resolver first, and the policy checks IPs.
 */
export function parseResolver(text: string): ResolverAddress | { error: string } {
  const value = text.trim();
  if (!value) return { error: 'Enter the IP address of a DNS server.' };
  let host = value;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(value);
  if (bracketed) {
    host = bracketed[1] ?? '';
    portText = bracketed[2];
    if (isIP(host) !== 6) return { error: `${host || '[]'}: brackets hold an IPv6 address only.` };
  } else if (value.split(':').length === 2) {
    // One colon: IPv4 with a port (bare IPv6 has at least two, and needs brackets to carry a port).
    [host, portText] = value.split(':') as [string, string];
  }
  // Zone ids (fe80::1%eth0) name an interface of the worker, which the target policy cannot judge.
  if (host.includes('%')) return { error: `${host}: zone ids (%) are not allowed.` };
  if (!isIP(host)) return { error: `${host} is not an IP address: enter a resolver such as 1.1.1.1.` };
  if (portText === undefined) return { address: host.toLowerCase(), port: DNS_PORT };
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 1 && port <= 65535)) return { error: `${portText || '(empty)'} is not a port (1-65535).` };
  return { address: host.toLowerCase(), port };
}

/** The `address:port` form `Resolver.setServers` takes, with IPv6 in brackets. */
export function resolverServer(resolver: ResolverAddress): string {
  const host = isIP(resolver.address) === 6 ? `[${resolver.address}]` : resolver.address;
  return `${host}:${resolver.port}`;
}

export interface ResolverOptions {
  /** Wait for one answer before asking again (ms). */
  timeoutMs?: number;
  /** Attempts per query: a lost UDP packet should not count as "no such name". */
  tries?: number;
}

/**
 * A resolver of its own per run, so `cancel()` on abort stops only this run's queries, asking the checked
 * server (or the system's when null).
 */
export function createResolver(
  resolver: ResolverAddress | null,
  options: ResolverOptions = {},
): dns.Resolver {
  const instance = new dns.Resolver({ timeout: options.timeoutMs ?? 2500, tries: options.tries ?? 2 });
  if (resolver) instance.setServers([resolverServer(resolver)]);
  return instance;
}
