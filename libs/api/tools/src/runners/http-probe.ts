import type { Agent } from 'node:http';
import { brotliDecompressSync, constants, gunzipSync, inflateSync } from 'node:zlib';
import { type PinnedResponse, pinnedAgent, pinnedRequest } from './pinned-http';
import type { RunContext, RunResult, Severity, ToolRunner } from './runner';
import { decodeEntities, fingerprint, type Technology } from './technology-fingerprints';
import { ansi, findingLine } from './terminal-style';

export interface HttpProbeConfig {
  url: string;
  followRedirects: boolean;
  maxRedirects: number;
}

export interface RedirectHop {
  url: string;
  status: number;
  /** The Location header resolved against the hop's URL (null when the hop did not redirect). */
  location: string | null;
}

/** The page's <title>, entities decoded and whitespace collapsed (null when absent or empty). */
export function pageTitle(html: string): string | null {
  const inner = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html)?.[1] ?? '';
  return decodeEntities(inner).replace(/\s+/g, ' ').trim() || null;
}

const MAX_BODY_BYTES = 2_097_152;

/** The body as text: servers may compress even unasked, and old pages are often not UTF-8. */
function bodyText(response: PinnedResponse): string {
  let raw = response.body;
  const encoding = response.headers['content-encoding']?.toLowerCase();
  // Sync flush: a body cut at the size cap is still decoded as far as it goes. The output cap keeps a
  // compression bomb from filling the worker's memory.
  const zlib = { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 4 * MAX_BODY_BYTES };
  try {
    if (encoding === 'gzip') raw = gunzipSync(raw, zlib);
    else if (encoding === 'deflate') raw = inflateSync(raw, zlib);
    else if (encoding === 'br')
      raw = brotliDecompressSync(raw, { ...zlib, finishFlush: constants.BROTLI_OPERATION_FLUSH });
  } catch {
    // Not what the header claims: read it as it came.
  }
  const charset = /charset=["']?([\w-]+)/i.exec(response.headers['content-type'] ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(raw);
  } catch {
    return raw.toString('utf8');
  }
}

function statusColour(status: number): (text: string) => string {
  if (status < 300) return ansi.green;
  if (status < 400) return ansi.cyan;
  if (status < 500) return ansi.yellow;
  return ansi.red;
}

interface Chain {
  hops: RedirectHop[];
  /** The last answer (null: cancelled before the first). */
  response: PinnedResponse | null;
  note: string | null;
  /** Stopped on a same-host redirect it was not allowed to follow: where that leads is unknown. */
  unfollowed: boolean;
}

/** Requests the URL and follows redirects while they stay on the checked host. */
async function followRedirects(
  { config, signal, print }: RunContext<HttpProbeConfig>,
  address: string,
): Promise<Chain> {
  const start = new URL(config.url);
  const chain: Chain = { hops: [], response: null, note: null, unfollowed: false };
  // One agent per scheme: an http→https redirect on the same host needs a TLS agent, same address.
  const agents = new Map<string, Agent>();
  let current = start;
  try {
    for (;;) {
      print(`${ansi.dim('→')} GET ${current.href} ${ansi.dim(`(${address})`)}`);
      const agent = agents.get(current.protocol) ?? pinnedAgent(current, address);
      agents.set(current.protocol, agent);
      const response = await pinnedRequest(current.href, { agent, signal, maxBodyBytes: MAX_BODY_BYTES });
      chain.response = response;
      const isRedirect = response.status >= 300 && response.status < 400;
      const location = (isRedirect && response.headers['location']) || null;
      const next = location ? URL.parse(location, current) : null;
      chain.hops.push({ url: current.href, status: response.status, location: next?.href ?? location });
      print(
        `  ${statusColour(response.status)(String(response.status))}${location ? ` → ${next?.href ?? location}` : ''}`,
      );
      if (!location) break;
      if (!next || (next.protocol !== 'http:' && next.protocol !== 'https:')) {
        chain.note = `Location ${location} is not an http(s) URL: not followed`;
        break;
      }
      // The checked address belongs to the original host only: another host needs its own check.
      if (next.hostname.toLowerCase() !== start.hostname.toLowerCase()) {
        chain.note = `redirects to another host (${next.host}): not followed, the checked address belongs to ${start.hostname}`;
        break;
      }
      if (!config.followRedirects || chain.hops.length > config.maxRedirects) {
        chain.note = config.followRedirects
          ? `stopped after ${config.maxRedirects} redirects`
          : 'redirects not followed';
        chain.unfollowed = true;
        break;
      }
      current = next;
    }
  } catch (error) {
    if (!signal.aborted) throw error;
    print(ansi.yellow('cancelled'));
    chain.note = 'cancelled before the chain ended';
  } finally {
    for (const agent of agents.values()) agent.destroy();
  }
  if (chain.note) print(`  ${ansi.yellow('note')} ${chain.note}`);
  return chain;
}

export const httpProbeRunner: ToolRunner<HttpProbeConfig> = async (context) => {
  const { config, target, print } = context;
  if (!target) throw new Error('The HTTP probe needs the checked address of the URL host.');
  const { hops, response, note, unfollowed } = await followRedirects(context, target.address);
  if (!response) return [];
  const final = hops[hops.length - 1] as RedirectHop;
  const text = bodyText(response);
  const title = pageTitle(text);
  const declared = response.headers['content-length'];
  const contentLength = declared && /^\d+$/.test(declared) ? Number(declared) : response.body.length;
  const technologies = fingerprint({ headers: response.headers, cookies: response.cookies, body: text });
  const tls = response.tls;
  const server = response.headers['server'] ?? null;
  const contentType = response.headers['content-type'] ?? null;
  print(
    `  ${ansi.bold(title ?? '(no title)')}  ${contentType ?? '?'}  ${contentLength} bytes  server ${server ?? '?'}`,
  );
  if (tls) {
    const trust = tls.authorized
      ? ansi.green('trusted')
      : ansi.yellow(`not trusted: ${tls.authorizationError}`);
    print(
      `  TLS ${tls.protocol} ${tls.cipher}, ${tls.subject} by ${tls.issuer}, until ${tls.validTo}, ${trust}`,
    );
  }
  const named = (tech: Technology) => (tech.version ? `${tech.name} ${tech.version}` : tech.name);
  if (technologies.length) print(`  tech ${technologies.map((tech) => ansi.cyan(named(tech))).join(', ')}`);

  const results: RunResult[] = [
    {
      kind: 'url',
      key: `url:${final.url}`,
      title: `${final.url} [${response.status}]${title ? ` ${title}` : ''}`,
      severity: 'info',
      data: {
        url: final.url,
        requestedUrl: config.url,
        status: response.status,
        title,
        server,
        contentType,
        contentLength,
        bodyTruncated: response.bodyTruncated,
        chain: hops,
        note,
        tls,
        technologies: technologies.map((tech) => tech.name),
      },
    },
    ...technologies.map(
      ({ name, category, version, evidence }): RunResult => ({
        kind: 'service',
        key: `tech:${name.toLowerCase()}`,
        title: named({ name, version } as Technology),
        severity: 'info',
        data: { name, category, version, evidence, url: final.url },
      }),
    ),
  ];
  const finding = (key: string, severity: Severity, title: string, data: Record<string, unknown>) => {
    print(findingLine(severity, title));
    results.push({
      kind: 'finding',
      key: `finding:${key}`,
      title,
      severity,
      data: { url: final.url, ...data },
    });
  };
  for (const { name, version, disclosedBy } of technologies) {
    if (!disclosedBy) continue;
    const data = { technology: name, version, source: disclosedBy };
    finding(
      `version-disclosure:${name.toLowerCase()}`,
      'low',
      `${name} version disclosed (${version})`,
      data,
    );
  }
  if (tls && !tls.authorized) {
    const { authorizationError, subject, issuer, validTo } = tls;
    const data = { authorizationError, subject, issuer, validTo };
    finding('tls-invalid-cert', 'medium', `TLS certificate not valid (${authorizationError})`, data);
  }
  const reachesHttps =
    final.url.startsWith('https:') || hops.some((hop) => hop.location?.startsWith('https:'));
  if (config.url.startsWith('http:') && !reachesHttps) {
    // An unfollowed same-host redirect may still end on HTTPS: say so rather than claim it does not.
    const title = unfollowed
      ? 'Plain HTTP: the redirects followed did not reach HTTPS'
      : 'Served over plain HTTP without a redirect to HTTPS';
    finding('no-https-redirect', unfollowed ? 'info' : 'low', title, { chain: hops.map((hop) => hop.url) });
  }
  return results;
};
