import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a tool may not reach unless the deployment allows it: this machine, the private networks
 * behind it, link-local (where cloud metadata services live) and addresses that are not unicast.
 */
const DENIED_V4: readonly [string, number, string][] = [
  ['0.0.0.0', 8, 'this network'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local (cloud metadata)'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];
const DENIED_V6: readonly [string, number, string][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fc00::', 7, 'unique local (private)'],
  ['fe80::', 10, 'link-local'],
  ['ff00::', 8, 'multicast'],
];

const rangeLists = (ranges: readonly [string, number, string][], family: 'ipv4' | 'ipv6') =>
  ranges.map(([network, prefix, reason]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, family);
    return { list, reason, family };
  });
const DENIED = [...rangeLists(DENIED_V4, 'ipv4'), ...rangeLists(DENIED_V6, 'ipv6')];

/** An IPv4 address carried inside an IPv6 one (mapped ::ffff:a.b.c.d or NAT64 64:ff9b::/96). */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1] ?? null;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return null;
  const high = parseInt(hex[1] ?? '0', 16);
  const low = parseInt(hex[2] ?? '0', 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Why the address is off limits, or null when a tool may reach it. */
export function deniedReason(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  const inner = family === 6 ? embeddedIpv4(address) : null;
  if (inner) return deniedReason(inner);
  for (const range of DENIED) {
    if (range.family === (family === 4 ? 'ipv4' : 'ipv6') && range.list.check(address, range.family))
      return range.reason;
  }
  return null;
}

export type TargetCheck =
  | { ok: true; address: string; addresses: string[] }
  | { ok: false; reason: string; code: 'unresolvable' | 'denied' };

/** Host names are given with brackets in URLs; the policy and the runners want the bare address. */
export function bareHost(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * Resolves the host and checks every address it resolves to: one denied address refuses the target,
 * since a resolver could hand that one out next time. The address returned is the one to connect to
 * (IPv4 first), so nothing resolves the name again between the check and the connection.
 */
export async function checkTarget(host: string, allowPrivate: boolean): Promise<TargetCheck> {
  const name = bareHost(host);
  let addresses: string[];
  if (isIP(name)) addresses = [name];
  else {
    try {
      const found = await lookup(name, { all: true, verbatim: false });
      addresses = [...new Set(found.map((entry) => entry.address))];
    } catch {
      return { ok: false, code: 'unresolvable', reason: `${name} does not resolve to any address.` };
    }
  }
  if (!allowPrivate) {
    for (const address of addresses) {
      const reason = deniedReason(address);
      if (reason)
        return {
          ok: false,
          code: 'denied',
          reason:
            address === name
              ? `${address} is a ${reason} address, which tools may not reach.`
              : `${name} resolves to ${address}, a ${reason} address, which tools may not reach.`,
        };
    }
  }
  const address = addresses.find((entry) => isIP(entry) === 4) ?? (addresses[0] as string);
  return { ok: true, address, addresses };
}
