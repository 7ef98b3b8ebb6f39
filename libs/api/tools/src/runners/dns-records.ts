import type { promises as dns } from 'node:dns';
import { isIP } from 'node:net';
import { createResolver, resolverServer } from './resolver-address';
import type { RunContext, RunResult, ToolRunner } from './runner';
import { ansi } from './terminal-style';

export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT', 'SOA', 'CAA'] as const;
export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];

export interface DnsRecordsConfig {
  domain: string;
  types: string[];
  /** Validated and policy-checked by the API; the runner asks `context.resolver`. */
  resolver?: string;
}

/** One record: `value` in zone-file form (what people compare), the parts beside it. */
export interface DnsRecordData extends Record<string, unknown> {
  type: DnsRecordType;
  name: string;
  value: string;
  /** Only A and AAAA: Node gives no TTL for the other types. */
  ttl?: number;
}

/** What one question got: records, a definite "none" (NXDOMAIN / NODATA), or a failure to report. */
export type DnsLookup =
  | { records: DnsRecordData[] }
  | { missing: 'NXDOMAIN' | 'NODATA' }
  | { error: string; message: string };

export const normalizeDnsName = (name: string) => name.trim().toLowerCase().replace(/\.$/, '');

async function query(resolver: dns.Resolver, name: string, type: DnsRecordType): Promise<DnsRecordData[]> {
  const record = (value: string, extra: Record<string, unknown> = {}): DnsRecordData => ({
    type,
    name,
    value,
    ...extra,
  });
  switch (type) {
    case 'A':
      return (await resolver.resolve4(name, { ttl: true })).map((a) => record(a.address, { ttl: a.ttl }));
    case 'AAAA':
      return (await resolver.resolve6(name, { ttl: true })).map((a) => record(a.address, { ttl: a.ttl }));
    case 'CNAME':
      return (await resolver.resolveCname(name)).map((target) => record(normalizeDnsName(target)));
    case 'NS':
      return (await resolver.resolveNs(name)).map((host) => record(normalizeDnsName(host)));
    case 'MX':
      return (await resolver.resolveMx(name)).map(({ priority, exchange }) =>
        record(`${priority} ${normalizeDnsName(exchange)}`, {
          priority,
          exchange: normalizeDnsName(exchange),
        }),
      );
    case 'TXT':
      // Long TXT values arrive in 255-byte pieces that mean one string; the pieces are kept when split.
      return (await resolver.resolveTxt(name)).map((pieces) =>
        record(pieces.join(''), pieces.length > 1 ? { pieces } : {}),
      );
    case 'SOA': {
      // Picked field by field: Node adds a `type` of its own (undefined) to the object.
      const { nsname, hostmaster, serial, refresh, retry, expire, minttl } = await resolver.resolveSoa(name);
      const soa = { nsname, hostmaster, serial, refresh, retry, expire, minttl };
      return [record(`${nsname} ${hostmaster} ${[serial, refresh, retry, expire, minttl].join(' ')}`, soa)];
    }
    case 'CAA':
      return (await resolver.resolveCaa(name)).map((caa) => {
        // Node puts the tag as a property name (issue, iodef…) beside `critical` and its own `type`.
        const [tag = '', tagValue = ''] =
          Object.entries(caa).find(([key]) => key !== 'critical' && key !== 'type') ?? [];
        return record(`${caa.critical} ${tag} "${tagValue}"`, { flags: caa.critical, tag, tagValue });
      });
  }
}

/** Asks one question; "no such name" and "no such record" are answers, not errors. */
export async function lookupRecords(
  resolver: dns.Resolver,
  name: string,
  type: DnsRecordType,
): Promise<DnsLookup> {
  try {
    const records = await query(resolver, name, type);
    return records.length ? { records } : { missing: 'NODATA' };
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ENOTFOUND') return { missing: 'NXDOMAIN' };
    if (code === 'ENODATA') return { missing: 'NODATA' };
    return { error: code ?? 'ERROR', message };
  }
}

export function recordResult(record: DnsRecordData): RunResult {
  // One SOA per zone: its serial changes on every edit, which is not a new record.
  const key = record.type === 'SOA' ? `SOA:${record.name}` : `${record.type}:${record.name}:${record.value}`;
  return {
    kind: 'dns-record',
    key,
    title: `${record.type} ${record.name} ${record.value}`,
    severity: 'info',
    data: record,
  };
}

export function recordLine(record: DnsRecordData): string {
  const ttl = record.ttl === undefined ? '' : ansi.dim(`  ttl ${record.ttl}`);
  return `${ansi.cyan(record.type.padEnd(6))} ${record.name}  ${record.value}${ttl}`;
}

/** Prints an outcome and turns it into results: its records, or a failed lookup to show in the table. */
function report(
  context: RunContext<DnsRecordsConfig>,
  name: string,
  type: DnsRecordType,
  outcome: DnsLookup,
) {
  const label = `${ansi.cyan(type.padEnd(6))} ${name}`;
  if ('records' in outcome) {
    for (const record of outcome.records) context.print(recordLine(record));
    return outcome.records.map(recordResult);
  }
  if ('missing' in outcome) {
    context.print(`${label}  ${ansi.dim(outcome.missing === 'NXDOMAIN' ? '(no such name)' : '(none)')}`);
    return [];
  }
  context.print(`${label}  ${ansi.red(`lookup failed: ${outcome.error}`)}`);
  const data = { type, name, error: outcome.error, message: outcome.message };
  return [
    {
      kind: 'dns-record',
      key: `${type}:${name}:error`,
      title: `${type} ${name} lookup failed (${outcome.error})`,
      severity: 'info',
      data,
    } satisfies RunResult,
  ];
}

const finding = (
  key: string,
  severity: RunResult['severity'],
  title: string,
  data: Record<string, unknown>,
) => ({ kind: 'finding', key: `finding:${key}`, title, severity, data }) satisfies RunResult;

const values = (outcome: DnsLookup | undefined) => (outcome && 'records' in outcome ? outcome.records : []);
const failed = (outcome: DnsLookup) => 'error' in outcome;

/**
 * The findings the records allow: a CNAME to a name that does not exist (whoever registers it serves the
 * domain), mail without SPF/DMARC (spoofable), no CAA on the domain or any parent (any CA may issue).
 * A failed lookup means "cannot tell", never a finding.
 */
async function findings(
  context: RunContext<DnsRecordsConfig>,
  resolver: dns.Resolver,
  domain: string,
  found: Map<DnsRecordType, DnsLookup>,
  dmarcFound: DnsLookup | undefined,
): Promise<RunResult[]> {
  const results: RunResult[] = [];
  const ask = (name: string, type: DnsRecordType) => lookupRecords(resolver, name, type);

  for (const { value: target } of values(found.get('CNAME'))) {
    const outcome = await ask(target, 'A');
    if (!('missing' in outcome && outcome.missing === 'NXDOMAIN')) continue;
    context.print(
      ansi.red(`[medium] ${domain} points to ${target}, which does not exist (possible takeover)`),
    );
    results.push(
      finding(`dangling-cname:${target}`, 'medium', `Dangling CNAME: ${domain} → ${target} (NXDOMAIN)`, {
        name: domain,
        cname: target,
      }),
    );
  }

  const mx = values(found.get('MX'));
  if (mx.length && !context.signal.aborted) {
    const txt = found.get('TXT') ?? (await ask(domain, 'TXT'));
    const dmarc = dmarcFound ?? (await ask(`_dmarc.${domain}`, 'TXT'));
    const exchanges = mx.map((record) => record.exchange);
    if (!failed(txt) && !values(txt).some((record) => /^v=spf1(\s|$)/i.test(record.value))) {
      context.print(ansi.yellow(`[low] ${domain} receives mail but has no SPF record`));
      results.push(
        finding('spf-missing', 'low', `No SPF record on ${domain}, which receives mail`, {
          domain,
          mx: exchanges,
        }),
      );
    }
    if (!failed(dmarc) && !values(dmarc).some((record) => /^v=DMARC1(;|\s|$)/i.test(record.value))) {
      context.print(ansi.yellow(`[low] ${domain} receives mail but has no DMARC record at _dmarc.${domain}`));
      results.push(
        finding('dmarc-missing', 'low', `No DMARC record on ${domain}, which receives mail`, {
          domain,
          checked: `_dmarc.${domain}`,
          mx: exchanges,
        }),
      );
    }
  }

  const caa = found.get('CAA');
  // NXDOMAIN here means the domain is a CNAME to nowhere: reported above, and CAA is moot.
  if (caa && 'missing' in caa && caa.missing === 'NODATA' && !context.signal.aborted) {
    // CAA applies down the tree: a parent's record covers this name (RFC 8659), up to but not the TLD.
    const labels = domain.split('.');
    const checked = [domain];
    for (let i = 1; i < labels.length - 1; i++) {
      const parent = labels.slice(i).join('.');
      const outcome = await ask(parent, 'CAA');
      if (failed(outcome)) return results;
      const inherited = values(outcome)[0];
      if (inherited) {
        context.print(ansi.dim(`CAA    ${domain}  inherited from ${parent}: ${inherited.value}`));
        return results;
      }
      checked.push(parent);
    }
    context.print(ansi.dim(`[info] no CAA record: any certificate authority may issue for ${domain}`));
    results.push(
      finding('caa-missing', 'info', `No CAA record on ${domain} or its parents`, { domain, checked }),
    );
  }
  return results;
}

/**
 * Asks the chosen resolver for each chosen record type (all at once, printed in a fixed order), then
 * looks for what the records reveal. With TXT chosen, the DMARC policy at `_dmarc.<domain>` is listed too.
 */
export const dnsRecordsRunner: ToolRunner<DnsRecordsConfig> = async (context) => {
  const domain = normalizeDnsName(context.config.domain);
  const wanted = new Set(context.config.types.map((type) => type.toUpperCase()));
  const types = DNS_RECORD_TYPES.filter((type) => wanted.has(type));
  if (isIP(domain)) {
    context.print(ansi.red(`${domain} is an IP address: DNS records belong to domain names.`));
    return [];
  }
  const resolver = createResolver(context.resolver);
  // Cancelling rejects every pending question at once, so the awaits below return promptly.
  const cancel = () => resolver.cancel();
  context.signal.addEventListener('abort', cancel, { once: true });
  try {
    const server = context.resolver ? resolverServer(context.resolver) : 'the system resolvers';
    context.print(ansi.dim(`Asking ${server} for ${types.join(', ') || 'no record types'} of ${domain}`));
    const questions: [string, DnsRecordType, Promise<DnsLookup>][] = types.map((type) => [
      domain,
      type,
      lookupRecords(resolver, domain, type),
    ]);
    if (types.includes('TXT')) {
      const dmarc = `_dmarc.${domain}`;
      questions.push([dmarc, 'TXT', lookupRecords(resolver, dmarc, 'TXT')]);
    }
    const found = new Map<DnsRecordType, DnsLookup>();
    let dmarc: DnsLookup | undefined;
    const results: RunResult[] = [];
    for (const [name, type, pending] of questions) {
      const outcome = await pending;
      if (context.signal.aborted) return results;
      if (name === domain) found.set(type, outcome);
      else dmarc = outcome;
      results.push(...report(context, name, type, outcome));
    }
    const outcomes = [...found.values()];
    if (!outcomes.length) return results;
    if (outcomes.every((outcome) => 'missing' in outcome && outcome.missing === 'NXDOMAIN')) {
      context.print(ansi.yellow(`${domain} does not exist (NXDOMAIN).`));
      return results;
    }
    results.push(...(await findings(context, resolver, domain, found, dmarc)));
    return results;
  } finally {
    context.signal.removeEventListener('abort', cancel);
  }
};
