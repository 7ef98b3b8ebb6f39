import { X509Certificate } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createServer,
  getCACertificates,
  setDefaultCACertificates,
  type Server,
  type TlsOptions,
} from 'node:tls';
import type { RunContext } from './runner';
import { probeOutcome, tlsInspectRunner, type TlsInspectConfig } from './tls-inspect';

const DAY = 86_400_000;
const HALF_DAY = DAY / 2;

/**
 * Certificates made by the openssl CLI in a temp folder: `openssl ca` is the one 3.0 command that sets
 * any validity window, past ones included, so expired and not-yet-valid certificates are real ones.
 */
const dir = mkdtempSync(join(tmpdir(), 'tls-inspect-'));
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
writeFileSync(
  join(dir, 'ca.cnf'),
  '[ca]\ndefault_ca = local\n[local]\ndatabase = index.txt\nnew_certs_dir = .\nserial = serial\n' +
    'default_md = sha256\npolicy = any\ncopy_extensions = copy\nunique_subject = no\n[any]\ncommonName = supplied\n',
);
writeFileSync(join(dir, 'index.txt'), '');
writeFileSync(join(dir, 'serial'), '1000\n');
const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
openssl(
  'req',
  '-x509',
  ...EC,
  '-keyout',
  'ca.key',
  '-out',
  'ca.pem',
  '-days',
  '30',
  '-subj',
  '/CN=Huntkit Test CA',
);
const CA = readFileSync(join(dir, 'ca.pem'), 'utf8');

/** `openssl ca` dates: YYYYMMDDHHMMSSZ. */
const stamp = (at: number) => new Date(at).toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';

let made = 0;
function issue(options: { cn: string; sans: string; from: number; to: number; selfSigned?: boolean }) {
  const name = `leaf${made++}`;
  openssl(
    'req',
    '-new',
    ...EC,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/CN=${options.cn}`,
  );
  writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${options.sans}\n`);
  const signer = options.selfSigned
    ? ['-selfsign', '-keyfile', `${name}.key`]
    : ['-cert', 'ca.pem', '-keyfile', 'ca.key'];
  openssl(
    'ca',
    '-batch',
    '-config',
    'ca.cnf',
    ...signer,
    '-in',
    `${name}.csr`,
    '-out',
    `${name}.pem`,
    '-notext',
    '-extfile',
    `${name}.ext`,
    '-startdate',
    stamp(options.from),
    '-enddate',
    stamp(options.to),
  );
  return {
    key: readFileSync(join(dir, `${name}.key`)),
    cert: readFileSync(join(dir, `${name}.pem`), 'utf8'),
  };
}

const now = Date.now();
const GOOD = issue({
  cn: 'good.test',
  sans: 'DNS:good.test,DNS:*.good.test,IP:127.0.0.1',
  from: now - DAY,
  to: now + 200 * DAY + HALF_DAY,
});
/** Modern settings only: TLS 1.2+ and AEAD ciphers, nothing for the weak probes to find. */
const STRICT: TlsOptions = { ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384' };
/** What old servers still do: TLS 1.0 and a SHA-1 CBC cipher. */
const LEGACY: TlsOptions = {
  minVersion: 'TLSv1',
  ciphers: 'ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES128-GCM-SHA256@SECLEVEL=0',
};

const servers: Server[] = [];
/** The SNI of each handshake that sent one, in order (read from the ClientHello, before any answer). */
const sniSeen: string[] = [];
async function serve(certificate: { key: Buffer; cert: string }, options: TlsOptions): Promise<number> {
  const SNICallback = (name: string, done: (error: Error | null) => void) => {
    sniSeen.push(name);
    done(null); // no context of its own: the server's certificate
  };
  const server = createServer({ ...certificate, ...options, SNICallback }, (socket) => socket.end());
  server.on('tlsClientError', () => undefined);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

function context(host: string, port: number, signal = new AbortController().signal) {
  const lines: string[] = [];
  const run: RunContext<TlsInspectConfig> = {
    config: { target: host, port },
    target: { host, address: '127.0.0.1' },
    resolver: null,
    signal,
    print: (line) => lines.push(line),
    workDir: dir,
  };
  return { run, lines };
}

const findings = async (host: string, port: number) =>
  (await tlsInspectRunner(context(host, port).run))
    .filter((result) => result.kind === 'finding')
    .map((result) => [result.key.replace(/^finding:/, ''), result.severity]);

/** Trusts the test CA the way a system store would, for one block of tests. */
function trustingTestCa() {
  const before = getCACertificates('default');
  beforeAll(() => setDefaultCACertificates([...before, CA]));
  afterAll(() => setDefaultCACertificates(before));
}

afterAll(() => {
  for (const server of servers) server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('TLS inspection of a well-configured server (test CA trusted)', () => {
  trustingTestCa();

  it('reports the certificate in full and nothing wrong, for the name, a wildcard name and the IP', async () => {
    sniSeen.length = 0;
    const port = await serve(GOOD, STRICT);
    const x509 = new X509Certificate(GOOD.cert);
    const { run, lines } = context('good.test', port);
    const results = await tlsInspectRunner(run);
    const sha256 = x509.fingerprint256.replace(/:/g, '').toLowerCase();
    expect(results).toEqual([
      {
        kind: 'certificate',
        key: `cert:${sha256}`,
        title: 'good.test (CN=Huntkit Test CA)',
        severity: 'info',
        data: {
          host: 'good.test',
          port,
          address: '127.0.0.1',
          protocol: 'TLSv1.3',
          cipher: expect.stringMatching(/^TLS_/),
          subject: 'CN=good.test',
          commonName: 'good.test',
          sans: ['good.test', '*.good.test', '127.0.0.1'],
          issuer: 'CN=Huntkit Test CA',
          validFrom: x509.validFromDate.toISOString(),
          validTo: x509.validToDate.toISOString(),
          daysToExpiry: 200,
          sha256,
          serial: x509.serialNumber,
          keyType: 'ec',
          keyBits: 256,
          curve: 'prime256v1',
          selfSigned: false,
          hostnameMatches: true,
          trusted: true,
          authorizationError: null,
          chain: ['CN=good.test', 'CN=Huntkit Test CA'],
          protocols: { TLSv1: 'refused', 'TLSv1.1': 'refused' },
          weakCiphers: {
            null: { outcome: 'refused', cipher: null },
            // This machine's OpenSSL may lack these altogether: then they are untested, never found.
            export: { outcome: expect.stringMatching(/^(refused|not-tested)$/), cipher: null },
            rc4: { outcome: expect.stringMatching(/^(refused|not-tested)$/), cipher: null },
            '3des': { outcome: expect.stringMatching(/^(refused|not-tested)$/), cipher: null },
            'cbc-sha1': { outcome: 'refused', cipher: null },
          },
        },
      },
    ]);
    expect(lines.join('\n')).toContain('CN=Huntkit Test CA');
    expect(await findings('www.good.test', port)).toEqual([]);
    expect(sniSeen[0]).toBe('good.test');
    sniSeen.length = 0;
    // An IP address target sends no SNI, and is checked against the IP SAN.
    expect(await findings('127.0.0.1', port)).toEqual([]);
    expect(sniSeen).toEqual([]);
  });

  it('grades expiry: expired and not yet valid high, under 30 days medium', async () => {
    const window = (from: number, to: number) => issue({ cn: 'good.test', sans: 'DNS:good.test', from, to });
    const expired = await serve(window(now - 60 * DAY, now - 30 * DAY), STRICT);
    const early = await serve(window(now + 10 * DAY, now + 100 * DAY), STRICT);
    const soon = await serve(window(now - DAY, now + 20 * DAY + HALF_DAY), STRICT);
    expect(await findings('good.test', expired)).toEqual([['cert-expired', 'high']]);
    expect(await findings('good.test', early)).toEqual([['cert-not-yet-valid', 'high']]);
    expect(await findings('good.test', soon)).toEqual([['cert-expiring', 'medium']]);
  });
});

describe('TLS inspection of badly configured servers', () => {
  it('finds an untrusted chain, even when an expiry is what OpenSSL reports', async () => {
    const port = await serve(GOOD, STRICT);
    expect(await findings('good.test', port)).toEqual([['untrusted-chain', 'medium']]);
    const old = issue({ cn: 'good.test', sans: 'DNS:good.test', from: now - 60 * DAY, to: now - 30 * DAY });
    expect(await findings('good.test', await serve(old, STRICT))).toEqual([
      ['cert-expired', 'high'],
      ['untrusted-chain', 'medium'],
    ]);
  });

  it('finds a soon-expiring self-signed certificate for another name, old protocols and a SHA-1 cipher', async () => {
    const shabby = issue({
      cn: 'other.test',
      sans: 'DNS:other.test',
      from: now - DAY,
      to: now + 3 * DAY + HALF_DAY,
      selfSigned: true,
    });
    const port = await serve(shabby, LEGACY);
    sniSeen.length = 0;
    const { run } = context('shop.test', port);
    const results = await tlsInspectRunner(run);
    expect(sniSeen[0]).toBe('shop.test');
    expect(
      results.filter((result) => result.kind === 'finding').map((result) => [result.key, result.severity]),
    ).toEqual([
      ['finding:cert-expiring', 'high'],
      ['finding:self-signed', 'medium'],
      ['finding:hostname-mismatch', 'medium'],
      ['finding:weak-protocol:TLSv1', 'medium'],
      ['finding:weak-protocol:TLSv1.1', 'low'],
      ['finding:weak-cipher:cbc-sha1', 'low'],
    ]);
    expect(results[0]?.data).toMatchObject({
      selfSigned: true,
      hostnameMatches: false,
      trusted: false,
      authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      daysToExpiry: 3,
      protocols: { TLSv1: 'accepted', 'TLSv1.1': 'accepted' },
      weakCiphers: expect.objectContaining({
        'cbc-sha1': { outcome: 'accepted', cipher: 'ECDHE-ECDSA-AES128-SHA' },
      }),
    });
  });

  it('still reads the certificate of a server that speaks nothing newer than TLS 1.0', async () => {
    const port = await serve(GOOD, { ...LEGACY, maxVersion: 'TLSv1' });
    const [certificate, ...rest] = await tlsInspectRunner(context('good.test', port).run);
    expect(certificate?.data).toMatchObject({ protocol: 'TLSv1', commonName: 'good.test' });
    expect(rest.map((result) => result.key)).toEqual([
      'finding:untrusted-chain',
      'finding:weak-protocol:TLSv1',
      'finding:weak-cipher:cbc-sha1',
    ]);
  });

  it('stops the extra handshakes when cancelled, and reports only what it saw', async () => {
    const port = await serve(GOOD, LEGACY);
    const controller = new AbortController();
    const { run, lines } = context('good.test', port, controller.signal);
    // Cancel as soon as the first handshake is printed: none of the old-protocol probes may run.
    run.print = (line) => {
      lines.push(line);
      if (line.includes('TLSv1.3')) controller.abort();
    };
    const results = await tlsInspectRunner(run);
    expect(results.map((result) => result.key)).toEqual([
      expect.stringMatching(/^cert:/),
      'finding:untrusted-chain',
    ]);
    expect(results[0]?.data).toMatchObject({ protocols: {}, weakCiphers: {} });
    expect(lines.join('\n')).toContain('cancelled');

    const before = new AbortController();
    before.abort();
    expect(await tlsInspectRunner(context('good.test', port, before.signal).run)).toEqual([]);
  });

  it('tells a refusing server from a local OpenSSL that cannot offer the old version', () => {
    const coded = (code: string) => Object.assign(new Error(code), { code });
    expect(probeOutcome(null)).toBe('accepted');
    expect(probeOutcome(coded('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION'))).toBe('refused');
    expect(probeOutcome(coded('ECONNRESET'))).toBe('refused');
    expect(probeOutcome(coded('ERR_SSL_NO_PROTOCOLS_AVAILABLE'))).toBe('not-tested');
    expect(probeOutcome(coded('ERR_SSL_NO_CIPHER_MATCH'))).toBe('not-tested');
    expect(probeOutcome(new DOMException('cancelled', 'AbortError'))).toBe('not-tested');
  });
});
