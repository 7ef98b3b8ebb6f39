import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PASSWORD, type SignedInHarness, startSignedInHarness } from './signed-in-harness';

const SECRET = 'turnstile-test-secret';
const GOOD = 'token-that-passes';

/** Cloudflare's siteverify on 127.0.0.1: one token passes, everything else fails; calls are kept. */
async function startSiteverify(): Promise<{ url: string; calls: URLSearchParams[]; server: Server }> {
  const calls: URLSearchParams[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    calls.push(form);
    const success = form.get('secret') === SECRET && form.get('response') === GOOD;
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ success, 'error-codes': success ? [] : ['invalid-input-response'] }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/siteverify`, calls, server };
}

describe('Cloudflare Turnstile on sign-up, password help and sign-in after failures (local siteverify)', () => {
  let harness: SignedInHarness;
  let siteverify: Awaited<ReturnType<typeof startSiteverify>>;

  beforeAll(async () => {
    siteverify = await startSiteverify();
    harness = await startSignedInHarness('turnstile_e2e', {
      TURNSTILE_SITE_KEY: '1x00000000000000000000AA',
      TURNSTILE_SECRET_KEY: SECRET,
      TURNSTILE_VERIFY_URL: siteverify.url,
    });
  });

  afterAll(async () => {
    await harness?.close();
    siteverify?.server.close();
  });

  const post = (path: string, json: unknown, token?: string) =>
    harness.call(path, {
      method: 'POST',
      json,
      headers: token === undefined ? {} : { 'x-turnstile-token': token },
    });

  it('publishes the site key for the widget, and lets the page load it', async () => {
    const options = await harness.call('/api/auth/providers');
    expect(options.body).toMatchObject({ turnstileSiteKey: '1x00000000000000000000AA' });
    expect(options.headers.get('content-security-policy')).toMatch(
      /script-src 'self' https:\/\/challenges\.cloudflare\.com;.*frame-src https:\/\/challenges\.cloudflare\.com/,
    );
  });

  it('refuses sign-up without a token or with a failing one, and lets a passing one through', async () => {
    const account = { email: 'human@example.com', password: PASSWORD, displayName: 'Human' };
    expect((await post('/api/auth/register', account)).body).toMatchObject({
      status: 403,
      code: 'human_check_required',
    });
    expect((await post('/api/auth/register', account, 'made-up')).body).toMatchObject({
      status: 403,
      code: 'human_check_failed',
    });
    expect((await post('/api/auth/register', account, GOOD)).status).toBe(202);
    const last = siteverify.calls.at(-1);
    expect(last?.get('secret')).toBe(SECRET);
    expect(last?.get('remoteip')).toMatch(/^198\.51\.100\.\d+$/);
  });

  it('guards password help and the verification mail the same way', async () => {
    for (const path of ['/api/auth/forgot-password', '/api/auth/resend-verification']) {
      expect((await post(path, { email: 'human@example.com' })).body).toMatchObject({
        code: 'human_check_required',
      });
      expect((await post(path, { email: 'human@example.com' }, GOOD)).status).toBe(202);
    }
  });

  it('asks for the check at sign-in only after three wrong passwords for the account', async () => {
    await harness.createUser('target@example.com');
    for (let attempt = 0; attempt < 3; attempt += 1)
      expect(
        (await post('/api/auth/login', { email: 'target@example.com', password: 'wrong guess 123' })).body,
      ).toMatchObject({ code: 'invalid_credentials' });
    const right = { email: 'target@example.com', password: PASSWORD };
    expect((await post('/api/auth/login', right)).body).toMatchObject({ code: 'human_check_required' });
    expect((await post('/api/auth/login', right, 'made-up')).body).toMatchObject({
      code: 'human_check_failed',
    });
    expect((await post('/api/auth/login', right, GOOD)).body).toMatchObject({ status: 'signed_in' });
    // A success clears the failures: the next sign-in needs no check.
    expect((await post('/api/auth/login', right)).body).toMatchObject({ status: 'signed_in' });
  });

  it('fails closed with a clear problem when siteverify cannot be reached', async () => {
    siteverify.server.close();
    siteverify.server.closeAllConnections();
    expect(
      (await post('/api/auth/forgot-password', { email: 'human@example.com' }, GOOD)).body,
    ).toMatchObject({
      status: 503,
      code: 'human_check_unavailable',
    });
  });
});
