import { randomBytes } from 'node:crypto';
import type { promises as dns } from 'node:dns';
import { isIP } from 'node:net';
import { SUBDOMAIN_WORDLISTS } from '../wordlists/subdomains';
import { type DnsRecordData, lookupRecords, normalizeDnsName, recordResult } from './dns-records';
import { createResolver, resolverServer } from './resolver-address';
import type { RunResult, ToolRunner } from './runner';
import { ansi } from './terminal-style';

export interface SubdomainDiscoveryConfig {
  domain: string;
  wordlist: 'small' | 'medium';
  /** Validated and policy-checked by the API; the runner asks `context.resolver`. */
  resolver?: string;
  concurrency: number;
}

/** A name that exists, with what it points to. */
export interface SubdomainHit {
  name: string;
  cname: string | null;
  addresses: string[];
  /** A CNAME whose target does not exist: whoever registers the target serves this name. */
  dangling: boolean;
  records: DnsRecordData[];
  /** An address lookup that failed (the name exists, its addresses may be incomplete). */
  error?: string;
}

type Probe = { exists: false } | { exists: true; hit: SubdomainHit } | { error: string };

/** What random names answer in a wildcard zone; guesses answering the same are not real hosts. */
interface Wildcard {
  addresses: Set<string>;
  cnames: Set<string | null>;
}

const WILDCARD_PROBES = 3;
const PROGRESS_EVERY = 100;
/** A resolver that fails this many questions in a row is down or blocking us: stop rather than time out on every word. */
const MAX_FAILURES_IN_A_ROW = 25;

/**
 * CNAME first: one question says whether the name exists (most guesses do not), and it still sees a
 * CNAME whose target is gone, which an A question would only report as NXDOMAIN.
 */
async function probe(resolver: dns.Resolver, name: string): Promise<Probe> {
  const cname = await lookupRecords(resolver, name, 'CNAME');
  if ('error' in cname) return { error: cname.error };
  if ('missing' in cname && cname.missing === 'NXDOMAIN') return { exists: false };
  const cnameRecords = 'records' in cname ? cname.records : [];
  const [a, aaaa] = await Promise.all([
    lookupRecords(resolver, name, 'A'),
    lookupRecords(resolver, name, 'AAAA'),
  ]);
  const addressRecords = [a, aaaa].flatMap((outcome) => ('records' in outcome ? outcome.records : []));
  const failure = [a, aaaa].find((outcome) => 'error' in outcome);
  const hit: SubdomainHit = {
    name,
    cname: cnameRecords[0]?.value ?? null,
    addresses: addressRecords.map((record) => record.value),
    dangling: cnameRecords.length > 0 && 'missing' in a && a.missing === 'NXDOMAIN',
    records: [...cnameRecords, ...addressRecords],
    ...(failure && 'error' in failure ? { error: failure.error } : {}),
  };
  return { exists: true, hit };
}

/**
 * A guess is the wildcard answering when it has the wildcard's CNAME, or no CNAME of its own and only
 * wildcard addresses. Explicit names that look exactly like the wildcard are lost too: DNS cannot tell.
 */
function isWildcardEcho(wildcard: Wildcard, hit: SubdomainHit): boolean {
  if (!wildcard.cnames.has(hit.cname)) return false;
  return hit.cname !== null || hit.addresses.every((address) => wildcard.addresses.has(address));
}

function hitLine(hit: SubdomainHit): string {
  const target = hit.cname ? ` → ${hit.cname}` : '';
  if (hit.dangling)
    return `${ansi.red(hit.name)}${target}  ${ansi.red('(target does not exist: possible takeover)')}`;
  const addresses = hit.addresses.length ? hit.addresses.join(', ') : ansi.dim('(no addresses)');
  return `${ansi.green(hit.name)}${target}  ${addresses}`;
}

function hitResults(hit: SubdomainHit): RunResult[] {
  const data = {
    name: hit.name,
    addresses: hit.addresses,
    cname: hit.cname,
    ...(hit.error ? { error: hit.error } : {}),
  };
  const results: RunResult[] = [
    { kind: 'host', key: `host:${hit.name}`, title: hit.name, severity: 'info', data },
  ];
  results.push(...hit.records.map(recordResult));
  if (hit.dangling && hit.cname) {
    results.push({
      kind: 'finding',
      key: `finding:dangling-cname:${hit.name}`,
      title: `Dangling CNAME: ${hit.name} → ${hit.cname} (NXDOMAIN)`,
      severity: 'medium',
      data: { name: hit.name, cname: hit.cname },
    });
  }
  return results;
}

/** Asks random names first: if they exist, the zone has a wildcard whose answers are remembered. */
async function detectWildcard(
  resolver: dns.Resolver,
  domain: string,
): Promise<Wildcard | null | { error: string }> {
  const names = Array.from(
    { length: WILDCARD_PROBES },
    () => `hk-${randomBytes(6).toString('hex')}.${domain}`,
  );
  const probes = await Promise.all(names.map((name) => probe(resolver, name)));
  const failure = probes.find((result) => 'error' in result);
  if (failure && probes.every((result) => 'error' in result)) return failure;
  const hits = probes.flatMap((result) => ('hit' in result ? [result.hit] : []));
  if (!hits.length) return null;
  return {
    addresses: new Set(hits.flatMap((hit) => hit.addresses)),
    cnames: new Set(hits.map((hit) => hit.cname)),
  };
}

/**
 * Guesses `<word>.<domain>` from a bundled wordlist with a fixed number of questions in flight, after
 * checking for a wildcard so a catch-all zone does not report every word. Hits print as they are found.
 */
export const subdomainDiscoveryRunner: ToolRunner<SubdomainDiscoveryConfig> = async (context) => {
  const { config, signal, print } = context;
  const domain = normalizeDnsName(config.domain);
  if (isIP(domain)) {
    print(ansi.red(`${domain} is an IP address: subdomains belong to domain names.`));
    return [];
  }
  const words = SUBDOMAIN_WORDLISTS[config.wordlist] ?? SUBDOMAIN_WORDLISTS.small;
  const concurrency = Math.max(1, Math.min(200, Math.floor(config.concurrency) || 1));
  const resolver = createResolver(context.resolver);
  // Cancelling rejects every question in flight, so each worker sees the abort at once.
  const cancel = () => resolver.cancel();
  signal.addEventListener('abort', cancel, { once: true });
  try {
    if (signal.aborted) return [];
    const server = context.resolver ? resolverServer(context.resolver) : 'the system resolvers';
    print(ansi.dim(`Guessing ${words.length} names under ${domain} (${config.wordlist} list) via ${server}`));

    const results: RunResult[] = [];
    const wildcard = await detectWildcard(resolver, domain);
    if (signal.aborted) return [];
    if (wildcard && 'error' in wildcard) {
      print(ansi.red(`The resolver does not answer (${wildcard.error}); nothing was guessed.`));
      return [];
    }
    if (wildcard) {
      const answers = [...wildcard.cnames].filter(Boolean).map((cname) => `→ ${cname}`);
      answers.push(...wildcard.addresses);
      print(
        ansi.yellow(
          `Wildcard DNS: *.${domain} answers ${answers.join(', ') || '(no addresses)'}; guesses answering the same are dropped`,
        ),
      );
      results.push({
        kind: 'finding',
        key: 'finding:wildcard-dns',
        title: `Wildcard DNS: any name under ${domain} resolves`,
        severity: 'info',
        data: {
          name: `*.${domain}`,
          addresses: [...wildcard.addresses],
          cnames: [...wildcard.cnames].filter(Boolean),
        },
      });
    }

    const hits: SubdomainHit[] = [];
    const tally = { asked: 0, echoes: 0, failed: 0, failedInARow: 0 };
    let gaveUp: string | null = null;
    let next = 0;
    const worker = async () => {
      while (next < words.length && !signal.aborted && !gaveUp) {
        const name = `${words[next++]}.${domain}`;
        const outcome = await probe(resolver, name);
        if (signal.aborted) return;
        tally.asked += 1;
        if ('error' in outcome) {
          tally.failed += 1;
          tally.failedInARow += 1;
          if (tally.failed <= 3) print(ansi.red(`${name}  lookup failed: ${outcome.error}`));
          if (tally.failedInARow >= MAX_FAILURES_IN_A_ROW) gaveUp = outcome.error;
        } else {
          tally.failedInARow = 0;
          if (outcome.exists && wildcard && isWildcardEcho(wildcard, outcome.hit)) tally.echoes += 1;
          else if (outcome.exists) {
            hits.push(outcome.hit);
            print(hitLine(outcome.hit));
          }
        }
        if (tally.asked % PROGRESS_EVERY === 0 && tally.asked < words.length)
          print(ansi.dim(`[${tally.asked}/${words.length}] ${hits.length} found`));
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, words.length) }, worker));

    const summary = `${tally.asked}/${words.length} names asked, ${hits.length} found, ${tally.echoes} wildcard answers dropped, ${tally.failed} failed`;
    if (signal.aborted) print(ansi.yellow(`Stopped: ${summary}`));
    else if (gaveUp) print(ansi.red(`Stopped, the resolver keeps failing (${gaveUp}): ${summary}`));
    else print(ansi.dim(`Done: ${summary}`));
    hits.sort((a, b) => a.name.localeCompare(b.name));
    return [...results, ...hits.flatMap(hitResults)];
  } finally {
    signal.removeEventListener('abort', cancel);
  }
};
