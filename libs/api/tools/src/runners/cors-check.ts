import type { Agent } from 'node:http';
import { pinnedAgent, pinnedRequest } from './pinned-http';
import type { Severity, ToolRunner } from './runner';
import { ansi, findingLine } from './terminal-style';

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

/** One request through the pinned address, headers only. */
async function corsHeaders(
  url: string,
  agent: Agent,
  origin: string | null,
  signal?: AbortSignal,
): Promise<{ allowed: string | null; credentials: boolean }> {
  const response = await pinnedRequest(url, {
    agent,
    signal,
    headers: origin === null ? {} : { origin },
    // Small bodies still fit, so the keep-alive socket is reused; a big one is cut and its socket dropped.
    maxBodyBytes: 65_536,
  });
  return {
    allowed: response.headers['access-control-allow-origin'] ?? null,
    credentials: response.headers['access-control-allow-credentials']?.toLowerCase() === 'true',
  };
}

/**
 * Sends each crafted Origin through the pinned address and reads Access-Control-Allow-Origin/-Credentials.
 * An allowed hostile origin is medium; with credentials allowed it is high (another site can read the
 * user's authenticated data). When cancelled it returns the findings made so far.
 */
export async function checkCors(url: string, address: string, signal?: AbortSignal): Promise<CorsFinding[]> {
  const host = new URL(url).host;
  const findings: CorsFinding[] = [];
  const agent = pinnedAgent(url, address, { keepAlive: true, maxSockets: 1 });
  try {
    for (const probe of PROBES) {
      const origin = probe.origin(host);
      const { allowed, credentials } = await corsHeaders(url, agent, origin, signal);
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
    const { allowed } = await corsHeaders(url, agent, null, signal);
    if (allowed === '*') {
      findings.push({
        id: 'wildcard',
        severity: 'info',
        origin: '*',
        title: 'Any site may read public responses',
        detail: 'Access-Control-Allow-Origin: * (browsers never send cookies with it).',
      });
    }
  } catch (error) {
    if (!signal?.aborted) throw error;
  } finally {
    agent.destroy();
  }
  return findings;
}

export const corsCheckRunner: ToolRunner<{ url: string }> = async ({ config, target, signal, print }) => {
  if (!target) throw new Error('The CORS check needs the checked address of the URL host.');
  print(`${ansi.dim('→')} ${config.url} ${ansi.dim(`(${target.address})`)}: ${PROBES.length + 1} requests`);
  const findings = await checkCors(config.url, target.address, signal);
  if (signal.aborted) print(ansi.yellow('cancelled: the results below are partial'));
  for (const finding of findings) print(findingLine(finding.severity, finding.title, finding.detail));
  if (!findings.length && !signal.aborted) print(`  ${ansi.green('no hostile origin is allowed')}`);
  return findings.map((finding) => ({
    kind: 'finding',
    key: `cors:${finding.id}`,
    title: finding.title,
    severity: finding.severity,
    data: { url: config.url, id: finding.id, origin: finding.origin, detail: finding.detail },
  }));
};
