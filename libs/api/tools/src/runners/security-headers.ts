export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export interface HeaderFinding {
  id: string;
  severity: Severity;
  title: string;
  detail: string;
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
  const add = (id: string, severity: Severity, title: string, detail: string) =>
    findings.push({ id, severity, title, detail });
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
      add('cookie-secure', 'medium', `Cookie ${name} without Secure`, 'It may be sent over plain HTTP.');
    if (!/;\s*httponly/.test(flags))
      add('cookie-httponly', 'low', `Cookie ${name} without HttpOnly`, 'Scripts on the page can read it.');
    if (!/;\s*samesite=/.test(flags))
      add(
        'cookie-samesite',
        'low',
        `Cookie ${name} without SameSite`,
        'Its cross-site behaviour is left to the browser.',
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

/** Fetches the URL (no redirects followed: the first answer is the one graded) and audits it. */
export async function auditUrl(url: string, signal?: AbortSignal): Promise<HeaderAudit & { status: number }> {
  const response = await fetch(url, { redirect: 'manual', signal });
  await response.body?.cancel();
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  return {
    status: response.status,
    ...auditSecurityHeaders({ url, headers, cookies: response.headers.getSetCookie() }),
  };
}
