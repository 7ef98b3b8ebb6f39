import type { Agent } from 'node:http';
import { brotliDecompressSync, constants, gunzipSync, inflateSync } from 'node:zlib';
import { type PinnedResponse, pinnedAgent, pinnedRequest } from './pinned-http';
import type { RunContext, RunResult, Severity, ToolRunner } from './runner';
import { ansi, severityTag } from './security-headers';

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

export interface Technology {
  name: string;
  category: string;
  version: string | null;
  evidence: string[];
  /** The header or generator tag that gave the version away (null: no version, or only a file name). */
  disclosedBy: string | null;
}

export interface FingerprintInput {
  headers: Record<string, string | undefined>;
  cookies: readonly string[];
  body: string;
}

/**
 * Where a technology shows: response headers (lower-case names), a cookie name, the generator meta tag
 * or the HTML. Group 1 of a pattern, when it matches, is the version.
 */
interface TechnologyRule {
  name: string;
  category: string;
  headers?: Record<string, RegExp>;
  cookie?: RegExp;
  generator?: RegExp;
  body?: RegExp;
  implies?: string[];
}

/** Deliberately small and conservative: a wrong technology sends hunters down the wrong path. */
const TECHNOLOGIES: TechnologyRule[] = [
  { name: 'nginx', category: 'web server', headers: { server: /\bnginx(?:\/([\d.]+))?/i } },
  // Not "Apache-Coyote", which is Tomcat's connector.
  { name: 'Apache', category: 'web server', headers: { server: /\bApache(?:\/([\d.]+))?(?![\w-])/i } },
  {
    name: 'Tomcat',
    category: 'web server',
    headers: { server: /Apache-Coyote/i },
    body: /Apache Tomcat\/([\d.]+)/,
    implies: ['Java'],
  },
  { name: 'IIS', category: 'web server', headers: { server: /Microsoft-IIS(?:\/([\d.]+))?/i } },
  { name: 'LiteSpeed', category: 'web server', headers: { server: /LiteSpeed/i } },
  { name: 'Caddy', category: 'web server', headers: { server: /^Caddy\b/i } },
  {
    name: 'Cloudflare',
    category: 'CDN',
    headers: { server: /^cloudflare$/i, 'cf-ray': /./ },
    cookie: /^(__cf_bm|__cfduid|cf_clearance)$/,
  },
  {
    name: 'Varnish',
    category: 'cache',
    headers: { via: /varnish(?:\s*\(Varnish\/([\d.]+)\))?/i, 'x-varnish': /./ },
  },
  {
    name: 'PHP',
    category: 'language',
    headers: { 'x-powered-by': /\bPHP(?:\/([\d.]+))?/i, server: /\bPHP\/([\d.]+)/i },
    cookie: /^PHPSESSID$/,
  },
  {
    name: 'ASP.NET',
    category: 'web framework',
    headers: { 'x-aspnet-version': /^([\d.]+)$/, 'x-powered-by': /\bASP\.NET\b/i },
    cookie: /^(ASP\.NET_SessionId|\.ASPXAUTH)$/i,
    body: /name="__VIEWSTATE"/,
  },
  {
    name: 'Express',
    category: 'web framework',
    headers: { 'x-powered-by': /\bExpress\b/i },
    implies: ['Node.js'],
  },
  {
    name: 'Next.js',
    category: 'web framework',
    headers: { 'x-powered-by': /\bNext\.js(?: ([\d.]+))?/i },
    body: /__NEXT_DATA__|\/_next\/static\//,
    implies: ['React'],
  },
  {
    name: 'Nuxt',
    category: 'web framework',
    headers: { 'x-powered-by': /\bNuxt\b/i },
    body: /__NUXT__|\/_nuxt\//,
    implies: ['Vue'],
  },
  {
    name: 'Django',
    category: 'web framework',
    cookie: /^(csrftoken|django_language)$/,
    body: /name=["']csrfmiddlewaretoken["']/,
    implies: ['Python'],
  },
  { name: 'Laravel', category: 'web framework', cookie: /^laravel_session$/, implies: ['PHP'] },
  {
    name: 'Ruby on Rails',
    category: 'web framework',
    headers: { 'x-runtime': /^\d+\.\d+$/ },
    body: /<meta name="csrf-param" content="authenticity_token"/,
    implies: ['Ruby'],
  },
  {
    name: 'Spring',
    category: 'web framework',
    headers: { 'x-application-context': /./ },
    body: /Whitelabel Error Page/,
    implies: ['Java'],
  },
  // A servlet container's session cookie: Java for sure, not which framework.
  { name: 'Java', category: 'language', cookie: /^JSESSIONID$/ },
  {
    name: 'WordPress',
    category: 'CMS',
    generator: /^WordPress(?:\s+([\d.]+))?/i,
    body: /\/wp-(?:content|includes)\//,
    implies: ['PHP'],
  },
  {
    name: 'Drupal',
    category: 'CMS',
    headers: { 'x-generator': /^Drupal(?:\s+([\d.]+))?/i, 'x-drupal-cache': /./ },
    generator: /^Drupal(?:\s+([\d.]+))?/i,
    body: /drupal-settings-json|\/sites\/default\/files\//,
    implies: ['PHP'],
  },
  {
    name: 'Joomla',
    category: 'CMS',
    generator: /^Joomla!?(?:\s+([\d.]+))?/i,
    body: /\/media\/(?:jui|system\/js)\//,
    implies: ['PHP'],
  },
  {
    name: 'React',
    category: 'JS framework',
    body: /data-reactroot|react-dom(?:\.production)?(?:\.min)?\.js/,
  },
  { name: 'Angular', category: 'JS framework', body: /\bng-version="([\d.]+)"/ },
  { name: 'AngularJS', category: 'JS framework', body: /\bng-app\b|\bangular(?:\.min)?\.js/ },
  {
    name: 'Vue',
    category: 'JS framework',
    body: /\bdata-v-[0-9a-f]{8}\b|\bvue(?:\.runtime)?(?:\.global)?(?:\.prod)?(?:\.min)?\.js|data-server-rendered="true"/,
  },
  {
    name: 'jQuery',
    category: 'JS library',
    body: /\bjquery(?:[-.]?(\d+\.\d+(?:\.\d+)?))?(?:\.slim)?(?:\.min)?\.js/i,
  },
  // Only ever implied by a framework above.
  { name: 'Node.js', category: 'language' },
  { name: 'Python', category: 'language' },
  { name: 'Ruby', category: 'language' },
];

/** The content of `<meta name="generator">`, whatever the attribute order. */
function generatorTag(html: string): string | null {
  for (const [tag] of html.matchAll(/<meta\b[^>]*>/gi)) {
    if (!/\bname\s*=\s*["']?generator\b/i.test(tag)) continue;
    const content = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag);
    if (content) return decodeEntities(content[1] ?? content[2] ?? '').trim();
  }
  return null;
}

/** What the response says about the software behind it, from the table above, in the table's order. */
export function fingerprint(input: FingerprintInput): Technology[] {
  const found = new Map<string, Technology>();
  const meta = generatorTag(input.body);
  const cookieNames = input.cookies.map((line) => line.split('=')[0]?.trim() ?? '');
  for (const rule of TECHNOLOGIES) {
    // A version read from a header or the generator tag is one the site chose to publish: a disclosure.
    const hits: { evidence: string; version?: string; disclosure: boolean }[] = [];
    for (const [name, pattern] of Object.entries(rule.headers ?? {})) {
      const value = input.headers[name];
      const match = value ? pattern.exec(value) : null;
      if (match) hits.push({ evidence: `header ${name}: ${value}`, version: match[1], disclosure: true });
    }
    const generator = meta ? rule.generator?.exec(meta) : null;
    if (generator)
      hits.push({ evidence: `meta generator: ${meta}`, version: generator[1], disclosure: true });
    const cookie = cookieNames.find((name) => rule.cookie?.test(name));
    if (cookie) hits.push({ evidence: `cookie ${cookie}`, disclosure: false });
    const body = rule.body?.exec(input.body);
    if (body) hits.push({ evidence: `body: ${body[0].slice(0, 60)}`, version: body[1], disclosure: false });
    if (!hits.length) continue;
    const versioned = hits.find((hit) => hit.version);
    found.set(rule.name, {
      name: rule.name,
      category: rule.category,
      version: versioned?.version ?? null,
      evidence: hits.map((hit) => hit.evidence),
      disclosedBy: versioned?.disclosure ? versioned.evidence : null,
    });
  }
  for (const technology of [...found.values()]) {
    for (const name of TECHNOLOGIES.find((rule) => rule.name === technology.name)?.implies ?? []) {
      if (found.has(name)) continue;
      const category = TECHNOLOGIES.find((rule) => rule.name === name)?.category ?? 'other';
      found.set(name, {
        name,
        category,
        version: null,
        evidence: [`implied by ${technology.name}`],
        disclosedBy: null,
      });
    }
  }
  return TECHNOLOGIES.flatMap((rule) => found.get(rule.name) ?? []);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] !== '#') return ENTITIES[entity.toLowerCase()] ?? whole;
    const hex = entity[1] === 'x' || entity[1] === 'X';
    const code = parseInt(entity.slice(hex ? 2 : 1), hex ? 16 : 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
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
    print(`  ${severityTag(severity)} ${title}`);
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
