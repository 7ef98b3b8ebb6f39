import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import {
  checkServerIdentity,
  connect,
  createSecureContext,
  getCACertificates,
  type ConnectionOptions,
  type DetailedPeerCertificate,
  type SecureVersion,
} from 'node:tls';
import type { RunResult, Severity, ToolRunner } from './runner';
import { ansi, findingLine } from './terminal-style';

export interface TlsInspectConfig {
  target: string;
  port: number;
}

/** What an extra handshake showed: the server took it, turned it down, or this machine could not try. */
export type ProbeOutcome = 'accepted' | 'refused' | 'not-tested';

interface Handshake {
  protocol: string | null;
  cipher: string | null;
  certificate: DetailedPeerCertificate;
  authorizationError: string | null;
}

const HANDSHAKE_TIMEOUT_MS = 8000;
const DAY_MS = 86_400_000;
/** Lets this machine's OpenSSL offer what it refuses by default (old protocols, SHA-1, small keys). */
const ANYTHING_GOES = '@SECLEVEL=0';

const OLD_PROTOCOLS: { version: SecureVersion; severity: Severity }[] = [
  { version: 'TLSv1', severity: 'medium' },
  { version: 'TLSv1.1', severity: 'low' },
];

/** Each class is offered alone (TLS 1.2 and older: TLS 1.3 suites are all strong), in OpenSSL's syntax. */
const WEAK_CIPHERS: { id: string; ciphers: string; severity: Severity; title: string }[] = [
  { id: 'null', ciphers: 'eNULL:!aNULL', severity: 'high', title: 'NULL cipher accepted (no encryption)' },
  { id: 'export', ciphers: 'EXP:LOW:!aNULL', severity: 'high', title: 'Export-grade cipher accepted' },
  { id: 'rc4', ciphers: 'RC4:!aNULL', severity: 'medium', title: 'RC4 cipher accepted' },
  { id: '3des', ciphers: '3DES:!aNULL', severity: 'medium', title: '3DES cipher accepted (Sweet32)' },
  {
    id: 'cbc-sha1',
    ciphers: 'SHA1:!aNULL:!eNULL:!RC4:!3DES:!DES:!EXP:!LOW',
    severity: 'low',
    title: 'CBC cipher with SHA-1 accepted',
  },
];

/** Errors raised by this machine's OpenSSL before the server had a say. */
const LOCAL_LIMITS = new Set([
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_SSL_NO_CIPHER_MATCH',
  'ERR_SSL_NO_CIPHERS_AVAILABLE',
]);

/**
 * A failed extra handshake is the server refusing, unless this machine could not even offer what was
 * asked (then nothing is known, and nothing may be reported about the server).
 */
export function probeOutcome(error: unknown): ProbeOutcome {
  if (!error) return 'accepted';
  const { code, name } = error as NodeJS.ErrnoException;
  return LOCAL_LIMITS.has(code ?? '') || name === 'AbortError' ? 'not-tested' : 'refused';
}

/** One TLS handshake with the checked address; the host name goes only into SNI. */
function handshake(
  address: string,
  port: number,
  servername: string | undefined,
  options: ConnectionOptions,
  signal: AbortSignal,
): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    let socket: ReturnType<typeof connect>;
    try {
      socket = connect({
        host: address,
        port,
        servername,
        rejectUnauthorized: false,
        // The name is checked against the SANs below, the same way for every outcome.
        checkServerIdentity: () => undefined,
        timeout: HANDSHAKE_TIMEOUT_MS,
        ...options,
      });
    } catch (error) {
      // A cipher list this OpenSSL does not have fails at once, before any packet is sent.
      return reject(error);
    }
    const abort = () => socket.destroy(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    const done = (error: Error | null) => {
      signal.removeEventListener('abort', abort);
      if (error) return reject(error);
      resolve({
        protocol: socket.getProtocol() ?? null,
        cipher: socket.getCipher()?.name ?? null,
        certificate: socket.getPeerCertificate(true),
        authorizationError: socket.authorizationError ? String(socket.authorizationError) : null,
      });
      socket.destroy();
    };
    socket.once('secureConnect', () => done(null));
    socket.once('error', done);
    socket.once('timeout', () =>
      socket.destroy(new Error(`no TLS handshake with ${address}:${port} in time`)),
    );
  });
}

/** The chain the server sent, leaf first (Node links a self-signed certificate to itself). */
function sentChain(leaf: DetailedPeerCertificate): DetailedPeerCertificate[] {
  const chain = [leaf];
  for (let link = leaf.issuerCertificate; link?.raw && chain.length < 10; link = link.issuerCertificate) {
    if (chain.some((seen) => seen.fingerprint256 === link.fingerprint256)) break;
    chain.push(link);
  }
  return chain;
}

/**
 * Whether the sent chain leads to a trusted root. OpenSSL's verdict is used first; this is only for
 * the case where it reported an expiry, which hides whether the chain itself is any good.
 */
function chainTrusted(chain: DetailedPeerCertificate[]): boolean {
  const roots = getCACertificates('default').map((pem) => new X509Certificate(pem));
  const certificates = chain.map((link) => new X509Certificate(link.raw));
  for (const [index, certificate] of certificates.entries()) {
    const trusted = roots.some(
      (root) =>
        root.fingerprint256 === certificate.fingerprint256 ||
        (certificate.checkIssued(root) && certificate.verify(root.publicKey)),
    );
    if (trusted) return true;
    const issuer = certificates[index + 1];
    if (!issuer || !certificate.checkIssued(issuer) || !certificate.verify(issuer.publicKey)) return false;
  }
  return false;
}

/** `CN=a, O=b`, from Node's parsed name (whose fields may repeat). */
function distinguishedName(name: object | undefined): string {
  return Object.entries(name ?? {})
    .map(([field, value]: [string, unknown]) => `${field}=${[value].flat().join('+')}`)
    .join(', ');
}

/** OpenSSL reports one error: an expiry one hides whether the chain is trusted. */
const EXPIRY_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

export const tlsInspectRunner: ToolRunner<TlsInspectConfig> = async ({ config, target, signal, print }) => {
  if (!target) throw new Error('The TLS inspection needs the checked address of the target.');
  const { address } = target;
  const host = target.host;
  // SNI carries names only: an IP address target sends none.
  const servername = isIP(host) ? undefined : host;
  const shake = (options: ConnectionOptions) => handshake(address, config.port, servername, options, signal);
  print(`${ansi.dim('→')} TLS handshake with ${host}:${config.port} ${ansi.dim(`(${address})`)}`);
  let main: Handshake;
  try {
    // A server stuck on TLS 1.0 still has a certificate to report: retry with everything allowed.
    main = await shake({}).catch((error: unknown) =>
      signal.aborted
        ? Promise.reject(error)
        : shake({ minVersion: 'TLSv1', ciphers: `DEFAULT${ANYTHING_GOES}` }),
    );
  } catch (error) {
    if (!signal.aborted) throw error;
    print(ansi.yellow('cancelled'));
    return [];
  }
  const leaf = main.certificate;
  if (!leaf?.raw) throw new Error(`${host}:${config.port} sent no certificate`);
  const x509 = new X509Certificate(leaf.raw);
  const chain = sentChain(leaf);
  const now = Date.now();
  const validFrom = new Date(leaf.valid_from);
  const validTo = new Date(leaf.valid_to);
  const daysToExpiry = Math.floor((validTo.getTime() - now) / DAY_MS);
  const selfSigned = x509.checkIssued(x509) && x509.verify(x509.publicKey);
  const mismatch = checkServerIdentity(host, leaf);
  const error = main.authorizationError;
  const trusted = !error || (EXPIRY_ERRORS.has(error) && chainTrusted(chain));
  const sans = (leaf.subjectaltname ?? '')
    .split(', ')
    .filter(Boolean)
    .map((entry) => entry.replace(/^(DNS|IP Address):/, ''));
  const sha256 = leaf.fingerprint256.replace(/:/g, '').toLowerCase();
  const keyType = x509.publicKey.asymmetricKeyType ?? null;
  const curve = x509.publicKey.asymmetricKeyDetails?.namedCurve ?? null;
  const keyBits = leaf.bits ?? x509.publicKey.asymmetricKeyDetails?.modulusLength ?? null;

  print(`  ${ansi.green(main.protocol ?? '?')} ${main.cipher}`);
  print(`  subject  ${distinguishedName(leaf.subject)}`);
  print(`  SANs     ${sans.join(', ') || ansi.dim('none')}`);
  print(`  issuer   ${distinguishedName(leaf.issuer)}`);
  print(`  valid    ${validFrom.toISOString()} → ${validTo.toISOString()} (${daysToExpiry} days left)`);
  print(`  key      ${keyType} ${keyBits ?? ''}${curve ? ` ${curve}` : ''}   sha256 ${sha256}`);

  // Extra handshakes, one at a time: old protocols, then each weak cipher class offered alone.
  const protocols: Record<string, ProbeOutcome> = {};
  const weakCiphers: Record<string, { outcome: ProbeOutcome; cipher: string | null }> = {};
  const probe = async (options: ConnectionOptions): Promise<[ProbeOutcome, Handshake | null]> => {
    try {
      // Fails at once when this OpenSSL lacks every cipher of the class.
      createSecureContext({ ciphers: options.ciphers });
      const result = await shake(options);
      return ['accepted', result];
    } catch (failure) {
      return [probeOutcome(failure), null];
    }
  };
  for (const { version } of OLD_PROTOCOLS) {
    if (signal.aborted) break;
    [protocols[version]] = await probe({
      minVersion: version,
      maxVersion: version,
      ciphers: `DEFAULT${ANYTHING_GOES}`,
    });
  }
  for (const weak of WEAK_CIPHERS) {
    if (signal.aborted) break;
    const [outcome, result] = await probe({
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1.2',
      ciphers: weak.ciphers + ANYTHING_GOES,
    });
    weakCiphers[weak.id] = { outcome, cipher: result?.cipher ?? null };
  }
  const paintOutcome = (outcome: ProbeOutcome) =>
    outcome === 'accepted'
      ? ansi.yellow(outcome)
      : outcome === 'refused'
        ? ansi.green(outcome)
        : ansi.dim(outcome);
  print(
    `  old protocols  ${Object.entries(protocols)
      .map(([name, outcome]) => `${name} ${paintOutcome(outcome)}`)
      .join(', ')}`,
  );
  print(
    `  weak ciphers   ${Object.entries(weakCiphers)
      .map(([name, { outcome }]) => `${name} ${paintOutcome(outcome)}`)
      .join(', ')}`,
  );
  if (signal.aborted) print(ansi.yellow('cancelled: the protocol and cipher checks are partial'));

  const results: RunResult[] = [
    {
      kind: 'certificate',
      key: `cert:${sha256}`,
      title: `${leaf.subject?.CN ?? distinguishedName(leaf.subject)} (${distinguishedName(leaf.issuer)})`,
      severity: 'info',
      data: {
        host,
        port: config.port,
        address,
        protocol: main.protocol,
        cipher: main.cipher,
        subject: distinguishedName(leaf.subject),
        commonName: leaf.subject?.CN ?? null,
        sans,
        issuer: distinguishedName(leaf.issuer),
        validFrom: validFrom.toISOString(),
        validTo: validTo.toISOString(),
        daysToExpiry,
        sha256,
        serial: leaf.serialNumber,
        keyType,
        keyBits,
        curve,
        selfSigned,
        hostnameMatches: !mismatch,
        trusted,
        authorizationError: error,
        chain: chain.map((link) => distinguishedName(link.subject)),
        protocols,
        weakCiphers,
      },
    },
  ];
  const finding = (key: string, severity: Severity, title: string, data: Record<string, unknown> = {}) => {
    print(findingLine(severity, title));
    results.push({
      kind: 'finding',
      key: `finding:${key}`,
      title,
      severity,
      data: { host, port: config.port, sha256, ...data },
    });
  };
  const dates = { validFrom: validFrom.toISOString(), validTo: validTo.toISOString(), daysToExpiry };
  if (validTo.getTime() < now)
    finding('cert-expired', 'high', `Certificate expired on ${dates.validTo}`, dates);
  else if (validFrom.getTime() > now)
    finding('cert-not-yet-valid', 'high', `Certificate not valid before ${dates.validFrom}`, dates);
  else if (daysToExpiry < 30)
    finding(
      'cert-expiring',
      daysToExpiry < 7 ? 'high' : 'medium',
      `Certificate expires in ${daysToExpiry} days`,
      dates,
    );
  if (selfSigned) finding('self-signed', 'medium', 'Self-signed certificate');
  if (mismatch)
    finding('hostname-mismatch', 'medium', `Certificate not valid for ${host}`, {
      sans,
      reason: mismatch.message,
    });
  // A self-signed leaf is untrusted by nature and already has its own finding.
  if (!trusted && !selfSigned)
    finding('untrusted-chain', 'medium', `Certificate chain not trusted (${error})`, {
      authorizationError: error,
    });
  for (const { version, severity } of OLD_PROTOCOLS)
    if (protocols[version] === 'accepted')
      finding(`weak-protocol:${version}`, severity, `${version} accepted`, { protocol: version });
  for (const weak of WEAK_CIPHERS)
    if (weakCiphers[weak.id]?.outcome === 'accepted')
      finding(`weak-cipher:${weak.id}`, weak.severity, weak.title, { cipher: weakCiphers[weak.id]?.cipher });
  return results;
};
