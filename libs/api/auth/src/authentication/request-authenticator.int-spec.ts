import { AuditEntry } from '@huntkit/api/audit';
import { type AuthenticatedUser, AUTHENTICATOR, type Authenticator, CoreModule } from '@huntkit/api/core';
import { prepareTestEnvironment } from '@huntkit/api/core/testing';
import { MFA_ENTITIES } from '@huntkit/api/mfa';
import { NotificationPreference } from '@huntkit/api/notifications';
import { RefreshToken, Session, SessionsService } from '@huntkit/api/sessions';
import { User, UsersService } from '@huntkit/api/users';
import { EntityManager } from '@mikro-orm/postgresql';
import type { INestApplicationContext } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { Test } from '@nestjs/testing';
import jwt, { type SignOptions } from 'jsonwebtoken';
import { ApiTokensService } from '../api-tokens/api-tokens.service';
import { ACCESS_COOKIE } from '../auth-cookies';
import { AuthModule } from '../auth.module';
import { ActiveUserCount, ActiveUserPeriod } from '../entities/active-users.entity';
import { ApiToken } from '../entities/api-token.entity';
import { EmailToken } from '../entities/email-token.entity';
import { LoginEvent } from '../entities/login-event.entity';
import { SocialIdentity } from '../entities/social-identity.entity';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_TYPE, AccessTokens } from './access-tokens';

const schema = {
  entities: [
    User,
    NotificationPreference,
    Session,
    RefreshToken,
    LoginEvent,
    EmailToken,
    ApiToken,
    SocialIdentity,
    ActiveUserPeriod,
    ActiveUserCount,
    AuditEntry,
    ...MFA_ENTITIES,
  ],
  migrations: [],
  seeds: [],
};

interface FakeRequest {
  headers: Record<string, string>;
  cookies: Record<string, string>;
  ip: string;
  user?: AuthenticatedUser | null;
}

describe('request authentication (passport strategies behind the access-policy guard)', () => {
  let moduleRef: INestApplicationContext;
  let authenticator: Authenticator;
  let accessTokens: AccessTokens;
  let sessions: SessionsService;
  let user: User;
  let sessionId: string;

  beforeAll(async () => {
    const config = await prepareTestEnvironment({ label: 'auth_strategies', schema });
    moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(config, schema, 'api'), AuthModule],
    }).compile();
    await moduleRef.init();
    authenticator = moduleRef.get<Authenticator>(AUTHENTICATOR);
    accessTokens = moduleRef.get(AccessTokens);
    sessions = moduleRef.get(SessionsService, { strict: false });
    const em = moduleRef.get(EntityManager).fork();
    const created = await moduleRef
      .get(UsersService, { strict: false })
      .createVerifiedWithoutPassword({ email: 'strategy@example.com', displayName: 'Ada' }, em);
    if (!created) throw new Error('user not created');
    user = created;
    sessionId = (await sessions.start(user.id)).sessionId;
  });

  afterAll(async () => {
    await moduleRef?.close();
  });

  const call = async (request: Partial<FakeRequest>): Promise<AuthenticatedUser | null> => {
    const full: FakeRequest = { headers: {}, cookies: {}, ip: '203.0.113.9', ...request };
    return authenticator.authenticate(new ExecutionContextHost([full, {}]));
  };
  const withCookie = (token: string) => call({ cookies: { [ACCESS_COOKIE]: token } });
  /** A token as we sign them, with one thing changed. */
  const forged = (change: { header?: object; options?: SignOptions; key?: string | Buffer } = {}) =>
    jwt.sign({ sid: sessionId, roles: ['user'] }, change.key ?? accessTokens.key, {
      algorithm: 'HS256',
      subject: user.id,
      audience: ACCESS_TOKEN_AUDIENCE,
      issuer: accessTokens.issuer,
      expiresIn: 60,
      ...change.options,
      header: { alg: change.options?.algorithm ?? 'HS256', typ: ACCESS_TOKEN_TYPE, ...change.header },
    });

  it('accepts a valid access cookie of a live session, with roles from the account', async () => {
    const token = accessTokens.sign({ userId: user.id, sessionId, roles: ['admin'] });
    expect(await withCookie(token)).toEqual({ id: user.id, roles: ['user'], sessionId });
    expect(await withCookie(forged())).toMatchObject({ id: user.id, sessionId });
  });

  it('refuses a token of another type, audience, issuer or algorithm, an expired one and a forged one', async () => {
    expect(await withCookie(forged({ header: { typ: 'JWT' } }))).toBeNull();
    expect(await withCookie(forged({ header: { typ: undefined } }))).toBeNull();
    expect(await withCookie(forged({ options: { audience: 'another-api' } }))).toBeNull();
    expect(await withCookie(forged({ options: { issuer: 'https://elsewhere.example' } }))).toBeNull();
    expect(await withCookie(forged({ options: { algorithm: 'HS512' } }))).toBeNull();
    expect(await withCookie(forged({ options: { expiresIn: -10 } }))).toBeNull();
    expect(await withCookie(forged({ key: 'not-our-secret' }))).toBeNull();
    const unsigned = forged().split('.').slice(0, 2).join('.') + '.';
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: ACCESS_TOKEN_TYPE })).toString('base64url')}.${unsigned.split('.')[1]}.`;
    expect(await withCookie(none)).toBeNull();
    expect(await withCookie('not a token')).toBeNull();
  });

  it('refuses the token of a session that ended, at once rather than when the token expires', async () => {
    const ended = (await sessions.start(user.id)).sessionId;
    const token = accessTokens.sign({ userId: user.id, sessionId: ended, roles: ['user'] });
    expect(await withCookie(token)).toMatchObject({ sessionId: ended });
    await sessions.revoke(ended, 'signed_out');
    expect(await withCookie(token)).toBeNull();
  });

  it('judges a request with an Authorization header by that header alone: API tokens, never cookies', async () => {
    const cookie = { [ACCESS_COOKIE]: accessTokens.sign({ userId: user.id, sessionId, roles: ['user'] }) };
    const { record, secret } = await moduleRef
      .get(ApiTokensService)
      .create(user.id, { name: 'ci', scopes: ['runs:read'], expiresAt: null });
    expect(await call({ headers: { authorization: `Bearer ${secret}` }, cookies: cookie })).toEqual({
      id: user.id,
      roles: ['user'],
      tokenScopes: ['runs:read'],
    });
    expect(await call({ headers: { authorization: 'Bearer hk_pat_wrong' }, cookies: cookie })).toBeNull();
    expect(await call({ headers: { authorization: `Basic ${secret}` }, cookies: cookie })).toBeNull();
    await moduleRef.get(ApiTokensService).revoke(user.id, record.id);
    expect(await call({ headers: { authorization: `Bearer ${secret}` } })).toBeNull();
  });

  it('answers null, not an error, for a request with no credentials', async () => {
    expect(await call({})).toBeNull();
  });
});
