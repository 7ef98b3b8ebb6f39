// What a path hit means: the `path` result both path discovery and ffuf return, and the finding a
// sensitive file really served is.
import type { PathHit } from './path-discovery';
import type { RunResult, Severity } from './runner';

/**
 * [path, severity, title, proof]. The proof is a pattern the body must match, so a site answering 200 to
 * everything raises nothing; or `not-html` for binaries and dumps, which a catch-all page cannot pass for.
 */
type SensitiveRule = [RegExp, Severity, string, RegExp | 'not-html'];

const SECRETS_FILES =
  /\/(\.aws\/credentials|\.s3cfg|\.boto|\.netrc|\.pgpass|\.my\.cnf|\.npmrc|credentials(\.json)?|secrets\.(json|ya?ml))$/;
const SOURCE_BACKUPS =
  /\.(php|asp|aspx|jsp|config|ya?ml|ini|xml|json|inc)(~|\.(bak|old|orig|save|swp|txt))$|\.swp$/;
const SCM_METADATA = /\/(\.svn\/(entries|wc\.db)|\.hg\/hgrc|CVS\/(Root|Entries))$/;
const DUMPS = /\.(zip|tar|tar\.gz|tgz|rar|7z|sql|sql\.gz|sqlite3?|db|bak|old)$/;
const PHPINFO = /\/(phpinfo|info|i|test)\.php$|\/_profiler\/phpinfo$/;
const ACTUATOR_ENDPOINTS =
  /\/actuator\/(configprops|mappings|beans|logfile|threaddump|trace|httptrace|jolokia)$|\/jolokia(\/list)?$/;

const SENSITIVE: SensitiveRule[] = [
  [/\/\.git\/HEAD$/, 'high', 'Git repository exposed', /^(ref: |[0-9a-f]{40}\s*$)/],
  [/\/\.git\/config$/, 'high', 'Git repository exposed', /\[core\]/],
  [/\/\.git\/index$/, 'high', 'Git repository exposed', /^DIRC/],
  [SCM_METADATA, 'high', 'Source control metadata exposed', 'not-html'],
  [/\/\.env([.~][\w.~-]*)?$/, 'high', 'Environment file exposed', /^\s*(export\s+)?[A-Za-z_]\w*\s*=/m],
  [/\/(id_(rsa|dsa|ecdsa|ed25519)|[\w.-]+\.(key|pem))$/, 'high', 'Private key exposed', /PRIVATE KEY/],
  [/\/\.htpasswd[\w.~-]*$/, 'high', 'Password file exposed', /^[^:\s<]+:\S+/m],
  [SECRETS_FILES, 'high', 'Credentials file exposed', 'not-html'],
  [SOURCE_BACKUPS, 'high', 'Source or config backup downloadable', 'not-html'],
  [DUMPS, 'medium', 'Backup or dump downloadable', 'not-html'],
  [/\/actuator\/(env|heapdump)$|\/heapdump$/, 'high', 'Spring Boot actuator exposes secrets', 'not-html'],
  [ACTUATOR_ENDPOINTS, 'medium', 'Spring Boot actuator endpoint exposed', 'not-html'],
  [/\/server-(status|info)$/, 'medium', 'Apache status page exposed', /Apache Server (Status|Information)/i],
  [PHPINFO, 'medium', 'phpinfo() page exposed', /phpinfo\(\)|<title>PHP \d/i],
  [/\.log$|\/(error_log|access_log|nohup\.out)$/, 'medium', 'Log file exposed', 'not-html'],
  [/\/\.DS_Store$/, 'low', 'macOS folder index (.DS_Store) exposed', /^.{4}Bud1/s],
];

/** The finding a hit is, if it is a sensitive file really served (status 200 and the right content). */
export function sensitiveFinding(hit: PathHit): { title: string; severity: Severity } | null {
  if (hit.status !== 200 || hit.size === 0) return null;
  const html = /html/i.test(hit.contentType ?? '') || /^\s*<(!doctype|html)/i.test(hit.sample);
  const rule = SENSITIVE.find(([path]) => path.test(hit.path));
  if (!rule) return null;
  const [, severity, title, proof] = rule;
  return (proof === 'not-html' ? !html : proof.test(hit.sample)) ? { title, severity } : null;
}

/** The `path` result both path discovery and ffuf return, so their runs diff against each other. */
export function pathResult(
  hit: Omit<PathHit, 'word' | 'contentType' | 'sample'> & { contentType?: string | null },
): RunResult {
  return {
    kind: 'path',
    key: `path:${hit.path}`,
    title: `${hit.path} (${hit.status})`,
    severity: 'info',
    data: {
      url: hit.url,
      path: hit.path,
      status: hit.status,
      size: hit.size,
      words: hit.words,
      lines: hit.lines,
      location: hit.location,
      contentType: hit.contentType ?? null,
    },
  };
}

export function pathDiscoveryResults(hits: readonly PathHit[]): RunResult[] {
  return hits.flatMap((hit) => {
    const finding = sensitiveFinding(hit);
    const path = pathResult(hit);
    if (!finding) return [path];
    return [
      path,
      {
        kind: 'finding' as const,
        key: `exposed:${hit.path}`,
        title: `${finding.title}: ${hit.path}`,
        severity: finding.severity,
        data: {
          url: hit.url,
          path: hit.path,
          status: hit.status,
          size: hit.size,
          contentType: hit.contentType,
        },
      },
    ];
  });
}
