import { type PinnedResponse, pinnedAgent, pinnedRequest } from './pinned-http';
import type { RunResult, Severity, ToolRunner } from './runner';
import { ansi, findingLine } from './terminal-style';

export interface HeaderFinding {
  id: string;
  severity: Severity;
  title: string;
  detail: string;
  /** The cookie a cookie finding is about. */
  cookie?: string;
}

export interface HeaderAudit {
  grade: 'A+' | 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
  score: number;
  findings: HeaderFinding[];
}

export interface AuditedResponse {
  url: string;
  /** Header names in lower case; `set-cookie` as one entry per cookie. */
  headers: Record<string, string | undefined>;
  cookies: readonly string[];
}

const PENALTY: Record<Severity, number> = { info: 0, low: 5, medium: 15, high: 25, critical: 40 };
const HALF_YEAR_SECONDS = 15_552_000;

function grade(score: number, findings: readonly HeaderFinding[]): HeaderAudit['grade'] {
  if (score === 100 && findings.every((finding) => finding.severity === 'info')) return 'A+';
  if (score >= 90) return 'A';
  if (score >= 75) return 'B';
  if (score >= 60) return 'C';
  if (score >= 45) return 'D';
  if (score >= 30) return 'E';
  return 'F';
}

/** The directives of a Content-Security-Policy, by name. */
function cspDirectives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [(name as string).toLowerCase(), values]),
  );
}

/**
 * Grades a response's security headers (HSTS, CSP, framing, MIME sniffing, referrer, permissions,
 * cross-origin isolation, cookie flags, version disclosure) into findings with severities.
 */
export function auditSecurityHeaders(response: AuditedResponse): HeaderAudit {
  const findings: HeaderFinding[] = [];
  const add = (id: string, severity: Severity, title: string, detail: string, cookie?: string) =>
    findings.push(
      cookie === undefined ? { id, severity, title, detail } : { id, severity, title, detail, cookie },
    );
  const header = (name: string) => response.headers[name]?.trim() || undefined;
  const https = response.url.startsWith('https://');

  const hsts = header('strict-transport-security');
  if (https && !hsts)
    add('hsts-missing', 'medium', 'No HSTS', 'Browsers may still reach the site over plain HTTP.');
  if (https && hsts) {
    const maxAge = Number(/max-age=(\d+)/i.exec(hsts)?.[1] ?? 0);
    if (maxAge < HALF_YEAR_SECONDS)
      add('hsts-short', 'low', 'Short HSTS max-age', `max-age=${maxAge}; use at least 15552000 (180 days).`);
    if (!/includesubdomains/i.test(hsts))
      add(
        'hsts-subdomains',
        'info',
        'HSTS leaves subdomains out',
        'Add includeSubDomains once every subdomain serves HTTPS.',
      );
  }

  const csp = header('content-security-policy');
  const directives = csp ? cspDirectives(csp) : new Map<string, string[]>();
  if (!csp)
    add('csp-missing', 'medium', 'No Content-Security-Policy', 'Nothing limits where scripts may load from.');
  else {
    const scripts = directives.get('script-src') ?? directives.get('default-src') ?? [];
    if (scripts.includes("'unsafe-inline'") && !scripts.some((value) => /^'(nonce|sha\d+)-/.test(value)))
      add(
        'csp-unsafe-inline',
        'medium',
        "CSP allows 'unsafe-inline' scripts",
        'Injected inline scripts would run.',
      );
    if (scripts.includes("'unsafe-eval'"))
      add('csp-unsafe-eval', 'low', "CSP allows 'unsafe-eval'", 'eval() and friends are allowed.');
    if (scripts.some((value) => value === '*' || value === 'http:' || value === 'https:'))
      add(
        'csp-wildcard',
        'medium',
        'CSP allows scripts from anywhere',
        `script sources: ${scripts.join(' ')}`,
      );
  }

  const frameOptions = header('x-frame-options');
  if (!frameOptions && !directives.has('frame-ancestors'))
    add(
      'framing',
      'medium',
      'Framing not restricted',
      'No X-Frame-Options or CSP frame-ancestors: clickjacking is possible.',
    );

  if (header('x-content-type-options')?.toLowerCase() !== 'nosniff')
    add('nosniff', 'low', 'MIME sniffing allowed', 'Set X-Content-Type-Options: nosniff.');

  const referrer = header('referrer-policy')?.toLowerCase();
  if (!referrer)
    add(
      'referrer-missing',
      'low',
      'No Referrer-Policy',
      'Full URLs may leak to other sites in the Referer header.',
    );
  else if (referrer.includes('unsafe-url'))
    add(
      'referrer-unsafe',
      'medium',
      'Referrer-Policy unsafe-url',
      'Full URLs, query strings included, go to every site.',
    );

  if (!header('permissions-policy'))
    add(
      'permissions-missing',
      'low',
      'No Permissions-Policy',
      'Camera, microphone, geolocation… are not switched off.',
    );
  for (const [name, id] of [
    ['cross-origin-opener-policy', 'coop'],
    ['cross-origin-embedder-policy', 'coep'],
    ['cross-origin-resource-policy', 'corp'],
  ] as const) {
    if (!header(name)) add(`${id}-missing`, 'info', `No ${name}`, 'Cross-origin isolation is not requested.');
  }

  for (const cookie of response.cookies) {
    const name = cookie.split('=')[0]?.trim() ?? '?';
    const flags = cookie.toLowerCase();
    if (https && !/;\s*secure/.test(flags))
      add(
        'cookie-secure',
        'medium',
        `Cookie ${name} without Secure`,
        'It may be sent over plain HTTP.',
        name,
      );
    if (!/;\s*httponly/.test(flags))
      add(
        'cookie-httponly',
        'low',
        `Cookie ${name} without HttpOnly`,
        'Scripts on the page can read it.',
        name,
      );
    if (!/;\s*samesite=/.test(flags))
      add(
        'cookie-samesite',
        'low',
        `Cookie ${name} without SameSite`,
        'Its cross-site behaviour is left to the browser.',
        name,
      );
  }

  for (const name of ['server', 'x-powered-by']) {
    const value = header(name);
    if (value && /\d/.test(value))
      add(`${name}-version`, 'low', `${name} reveals a version`, `${name}: ${value}`);
  }

  const score = Math.max(0, 100 - findings.reduce((sum, finding) => sum + PENALTY[finding.severity], 0));
  return { grade: grade(score, findings), score, findings };
}

/**
 * Requests the URL through the pinned address (no redirects followed: the first answer is the one
 * graded) and audits it.
 */
export async function auditUrl(
  url: string,
  address: string,
  signal?: AbortSignal,
): Promise<HeaderAudit & { status: number; headers: Record<string, string> }> {
  const agent = pinnedAgent(url, address);
  let response: PinnedResponse;
  try {
    // Only the headers are graded: read no body.
    response = await pinnedRequest(url, { agent, signal, maxBodyBytes: 0 });
  } finally {
    agent.destroy();
  }
  return {
    status: response.status,
    headers: response.headers,
    ...auditSecurityHeaders({ url, headers: response.headers, cookies: response.cookies }),
  };
}

/** The headers the audit reads, shown with the grade so a report says what was there. */
const AUDITED_HEADERS = [
  'strict-transport-security',
  'content-security-policy',
  'x-frame-options',
  'x-content-type-options',
  'referrer-policy',
  'permissions-policy',
  'cross-origin-opener-policy',
  'cross-origin-embedder-policy',
  'cross-origin-resource-policy',
  'server',
  'x-powered-by',
];

export const securityHeadersRunner: ToolRunner<{ url: string }> = async ({
  config,
  target,
  signal,
  print,
}) => {
  if (!target) throw new Error('The security headers audit needs the checked address of the URL host.');
  print(`${ansi.dim('→')} GET ${config.url} ${ansi.dim(`(${target.address})`)}`);
  let audit: Awaited<ReturnType<typeof auditUrl>>;
  try {
    audit = await auditUrl(config.url, target.address, signal);
  } catch (error) {
    if (!signal.aborted) throw error;
    print(ansi.yellow('cancelled'));
    return [];
  }
  const present = Object.fromEntries(
    AUDITED_HEADERS.flatMap((name) => (audit.headers[name] ? [[name, audit.headers[name]]] : [])),
  );
  print(`  status ${audit.status}`);
  // Present is good for the security headers and bad for the two that name the software.
  const shown = (name: string, value: string) =>
    (/^(server|x-powered-by)$/.test(name) ? ansi.yellow : ansi.green)(value);
  for (const name of AUDITED_HEADERS)
    print(`  ${name.padEnd(30)} ${present[name] ? shown(name, present[name]) : ansi.dim('—')}`);
  const colour = audit.grade.startsWith('A') ? ansi.green : /[BC]/.test(audit.grade) ? ansi.yellow : ansi.red;
  print(`  grade ${ansi.bold(colour(audit.grade))} ${ansi.dim(`(score ${audit.score}/100)`)}`);
  for (const finding of audit.findings) print(findingLine(finding.severity, finding.title, finding.detail));
  return [
    {
      kind: 'header',
      key: 'grade',
      title: `Security headers grade ${audit.grade} (${audit.score}/100)`,
      severity: 'info',
      data: {
        url: config.url,
        status: audit.status,
        grade: audit.grade,
        score: audit.score,
        headers: present,
      },
    },
    ...audit.findings.map(
      (finding): RunResult => ({
        kind: 'finding',
        // One cookie finding per cookie, so each is tracked on its own from run to run.
        key: `header:${finding.id}${finding.cookie ? `:${finding.cookie}` : ''}`,
        title: finding.title,
        severity: finding.severity,
        data: { url: config.url, id: finding.id, detail: finding.detail, cookie: finding.cookie ?? null },
      }),
    ),
  ];
};
