import { APP_VERSION, createHttpApp, createLogger } from '@huntkit/api/core';
import { prepareTestEnvironment } from '@huntkit/api/core/testing';
import { DATABASE_SCHEMA } from '@huntkit/api/database';
import { hashPassword, User } from '@huntkit/api/users';
import { EntityManager } from '@mikro-orm/postgresql';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../src/app.module';
import { CookieJar } from './cookie-jar';
import { listenOnFreePort } from './http-client';

export const PASSWORD = 'plum tractor velvet 42';

export interface CallOptions extends RequestInit {
  /** Cookies sent from and stored into this jar, as a browser tab would. */
  jar?: CookieJar;
  json?: unknown;
  /** Send the jar's XSRF-TOKEN cookie back as the X-XSRF-TOKEN header. */
  csrf?: boolean;
  bearer?: string;
}

export interface CallResult {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/**
 * The whole API over HTTP for the sign-in suites, with helpers to create accounts and sign in. Each
 * call comes from its own client address (through the trusted loopback proxy), as separate visitors
 * would, so per-client limits do not mix tests up.
 */
export async function startSignedInHarness(label: string, env: Record<string, string> = {}) {
  const config = await prepareTestEnvironment({
    label,
    schema: DATABASE_SCHEMA,
    env: { RATE_LIMIT_PER_MINUTE: '1000', TRUST_PROXY: '127.0.0.1', ...env },
  });
  const api: NestFastifyApplication = await createHttpApp(AppModule.forRoot(config), config, {
    version: APP_VERSION,
    logger: createLogger(process.env['E2E_LOG_LEVEL'] === 'error' ? 'error' : 'silent', 'api'),
  });
  const baseUrl = await listenOnFreePort(api);
  const em = api.get(EntityManager);
  let clients = 0;

  async function call(path: string, options: CallOptions = {}): Promise<CallResult> {
    const { jar, json, csrf, bearer, ...rest } = options;
    clients += 1;
    const headers: Record<string, string> = {
      'x-forwarded-for': `198.51.100.${clients % 250}`,
      ...(rest.headers as Record<string, string> | undefined),
    };
    if (json !== undefined) headers['content-type'] = 'application/json';
    if (jar?.header()) headers['cookie'] = jar.header();
    if (csrf && jar?.get('XSRF-TOKEN')) headers['x-xsrf-token'] = jar.get('XSRF-TOKEN') ?? '';
    if (bearer) headers['authorization'] = `Bearer ${bearer}`;
    const response = await fetch(`${baseUrl}${path}`, {
      ...rest,
      headers,
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
    jar?.store(response.headers);
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text && /json/.test(response.headers.get('content-type') ?? '')
        ? JSON.parse(text)
        : text) as Record<string, unknown>,
    };
  }

  async function createUser(email: string, changes: Partial<User> = {}): Promise<User> {
    const fork = em.fork();
    const user = fork.create(User, {
      email,
      displayName: email.split('@')[0] ?? 'x',
      passwordHash: await hashPassword(PASSWORD),
      emailVerifiedAt: new Date(),
      ...changes,
    });
    await fork.persist(user).flush();
    return user;
  }

  async function signIn(email: string): Promise<CookieJar> {
    const jar = new CookieJar();
    const res = await call('/api/auth/login', { method: 'POST', json: { email, password: PASSWORD }, jar });
    if (res.status !== 200) throw new Error(`sign-in as ${email} answered ${res.status}`);
    return jar;
  }

  return { api, baseUrl, em, call, createUser, signIn, close: () => api.close() };
}

export type SignedInHarness = Awaited<ReturnType<typeof startSignedInHarness>>;
