/** A technology a response gives away, with the evidence for it. */
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
