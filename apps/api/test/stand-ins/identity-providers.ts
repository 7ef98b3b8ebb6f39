import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface IdentityClaims {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

/** The local OpenID provider (node-oidc-provider in a child process) that plays Google in tests. */
export class LocalOpenIdProvider {
  issuer = '';
  private child: ChildProcess | undefined;

  async start(client: { id: string; secret: string; redirectUri: string }): Promise<string> {
    this.child = spawn(process.execPath, [join(__dirname, 'oidc-provider.mjs')], {
      env: {
        ...process.env,
        CLIENT_ID: client.id,
        CLIENT_SECRET: client.secret,
        REDIRECT_URI: client.redirectUri,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const output = this.child.stdout;
    if (!output) throw new Error('the OpenID provider has no stdout');
    const [line] = (await once(createInterface({ input: output }), 'line')) as [string];
    this.issuer = (JSON.parse(line) as { issuer: string }).issuer;
    return this.issuer;
  }

  addAccount(claims: IdentityClaims): Promise<void> {
    return this.control('/test/accounts', claims);
  }

  /** The account the next sign-in at the provider is made as (the person at the keyboard). */
  signInAs(sub: string): Promise<void> {
    return this.control('/test/login', { sub });
  }

  /** An ID token signed with the provider's own key, as One Tap gives a page; options make bad ones. */
  async idToken(
    claims: IdentityClaims,
    options: { audience?: string; expiresIn?: string | number; issuedAt?: number } = {},
  ): Promise<string> {
    const response = await fetch(`${this.issuer}/test/id-token`, {
      method: 'POST',
      body: JSON.stringify({ claims, ...options }),
    });
    return ((await response.json()) as { token: string }).token;
  }

  tamperNonce(enabled: boolean): Promise<void> {
    return this.control('/test/tamper-nonce', { enabled });
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    await once(this.child, 'exit');
  }

  private async control(path: string, body: unknown): Promise<void> {
    const response = await fetch(`${this.issuer}${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (response.status !== 204) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  }
}

export interface GithubUser {
  id: number;
  login: string;
  name: string | null;
  emails: { email: string; primary: boolean; verified: boolean }[];
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * GitHub's OAuth endpoints and the two API calls Huntkit makes, on 127.0.0.1. The authorize page
 * "signs in" as the user set with `signInAs` and sends the browser straight back, as GitHub does for an
 * app the user already approved.
 */
export class GithubStandIn {
  readonly url = { web: '', api: '' };
  private server: Server | undefined;
  private current: GithubUser | undefined;
  private readonly codes = new Map<string, GithubUser>();
  private readonly tokens = new Map<string, GithubUser>();
  private counter = 0;

  signInAs(user: GithubUser): void {
    this.current = user;
  }

  async start(clientId: string, clientSecret: string): Promise<void> {
    this.server = createServer(async (request, response) => {
      const url = new URL(request.url ?? '/', 'http://stand-in');
      const json = (status: number, body: unknown) =>
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (url.pathname === '/login/oauth/authorize') {
        if (url.searchParams.get('client_id') !== clientId || !this.current)
          return json(400, { error: 'bad_request' });
        const code = `code-${(this.counter += 1)}`;
        this.codes.set(code, this.current);
        const back = new URL(url.searchParams.get('redirect_uri') ?? '');
        back.searchParams.set('code', code);
        back.searchParams.set('state', url.searchParams.get('state') ?? '');
        return response.writeHead(302, { location: back.href }).end();
      }
      if (url.pathname === '/login/oauth/access_token' && request.method === 'POST') {
        const body = JSON.parse(await readBody(request)) as Record<string, string>;
        const user = this.codes.get(body['code'] ?? '');
        if (body['client_id'] !== clientId || body['client_secret'] !== clientSecret || !user)
          return json(200, { error: 'bad_verification_code' });
        this.codes.delete(body['code'] ?? '');
        const token = `gho_${(this.counter += 1)}`;
        this.tokens.set(token, user);
        return json(200, { access_token: token, token_type: 'bearer', scope: 'read:user,user:email' });
      }
      const user = this.tokens.get((request.headers.authorization ?? '').replace(/^Bearer /, ''));
      if (!user) return json(401, { message: 'Bad credentials' });
      if (url.pathname === '/api/user') return json(200, { id: user.id, login: user.login, name: user.name });
      if (url.pathname === '/api/user/emails') return json(200, user.emails);
      return json(404, { message: 'Not Found' });
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    const base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.url.web = base;
    this.url.api = `${base}/api`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
