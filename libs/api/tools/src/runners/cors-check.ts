import type { Severity } from './security-headers';

export interface CorsFinding {
  id: string;
  severity: Severity;
  origin: string;
  title: string;
  detail: string;
}

interface Probe {
  id: string;
  /** The Origin sent; built from the target's own host for the prefix/suffix tricks. */
  origin: (host: string) => string;
  title: string;
}

/** The origins an attacker would try, each sent alone in its own request. */
const PROBES: Probe[] = [
  { id: 'reflected-origin', origin: () => 'https://evil.example', title: 'Any origin is reflected' },
  { id: 'null-origin', origin: () => 'null', title: 'The null origin is allowed' },
  {
    id: 'prefix-trick',
    origin: (host) => `https://${host}.evil.example`,
    title: 'Origins that start with the host are trusted',
  },
  {
    id: 'suffix-trick',
    origin: (host) => `https://evil${host}`,
    title: 'Origins that end with the host are trusted',
  },
  {
    id: 'http-origin',
    origin: (host) => `http://${host}`,
    title: 'The plain-HTTP origin of the site is trusted',
  },
];

/**
 * Sends each crafted Origin and reads Access-Control-Allow-Origin/-Credentials. An allowed hostile origin
 * is medium; with credentials allowed it is high (another site can read the user's authenticated data).
 */
export async function checkCors(url: string, signal?: AbortSignal): Promise<CorsFinding[]> {
  const host = new URL(url).host;
  const findings: CorsFinding[] = [];
  for (const probe of PROBES) {
    const origin = probe.origin(host);
    const response = await fetch(url, { headers: { origin }, redirect: 'manual', signal });
    await response.body?.cancel();
    const allowed = response.headers.get('access-control-allow-origin');
    const credentials = response.headers.get('access-control-allow-credentials')?.toLowerCase() === 'true';
    if (allowed !== origin) continue;
    if (probe.id === 'http-origin' && !url.startsWith('https://')) continue; // the site itself is plain HTTP
    findings.push({
      id: probe.id,
      severity: credentials ? 'high' : 'medium',
      origin,
      title: probe.title,
      detail: credentials
        ? `Origin ${origin} is allowed with credentials: it can read responses made with the user's cookies.`
        : `Origin ${origin} is allowed to read responses (without credentials).`,
    });
  }
  const wildcard = await fetch(url, { redirect: 'manual', signal });
  await wildcard.body?.cancel();
  if (wildcard.headers.get('access-control-allow-origin') === '*') {
    findings.push({
      id: 'wildcard',
      severity: 'info',
      origin: '*',
      title: 'Any site may read public responses',
      detail: 'Access-Control-Allow-Origin: * (browsers never send cookies with it).',
    });
  }
  return findings;
}
