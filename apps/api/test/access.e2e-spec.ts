import {
  AccessModule,
  APP_VERSION,
  AUTHENTICATOR,
  type AuthenticatedUser,
  type Authenticator,
  CoreModule,
  createHttpApp,
  createLogger,
  CSRF_GUARD,
  Public,
  RequireRoles,
  type Role,
  SignedIn,
} from '@huntkit/api/core';
import { prepareTestEnvironment } from '@huntkit/api/core/testing';
import { type ExecutionContext, Controller, Get, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { httpClient, listenOnFreePort } from './http-client';

const schema = { entities: [], migrations: [], seeds: [] };

@Controller('fixture')
class FixtureController {
  @Public() @Get('open') open() {
    return { ok: true };
  }
  @RequireRoles('user') @Get('mine') mine() {
    return { ok: true };
  }
  @SignedIn() @Get('any-account') anyAccount() {
    return { ok: true };
  }
  @RequireRoles('admin', 'superadmin') @Post('admin') admin() {
    return { ok: true };
  }
}

@Controller('forgotten')
class ForgottenPolicyController {
  @Public() @Get('fine') fine() {
    return {};
  }
  @Get('oops') oops() {
    return {};
  }
}

/** Stands in for the auth feature's authenticator: trusts a test header naming the caller's roles. */
const headerAuthenticator: Authenticator = {
  async authenticate(context: ExecutionContext): Promise<AuthenticatedUser | null> {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
    const roles = request.headers['x-test-roles'];
    return roles ? { id: 'u1', roles: roles.split(',') as Role[] } : null;
  },
};

/** Not global: `AccessModule.forRoot` imports it, as the app does with the auth feature. */
@Module({
  providers: [
    { provide: AUTHENTICATOR, useValue: headerAuthenticator },
    { provide: CSRF_GUARD, useValue: { canActivate: () => true } },
  ],
  exports: [AUTHENTICATOR, CSRF_GUARD],
})
class TestAuthModule {}

async function appWith(controller: new () => object): Promise<NestFastifyApplication> {
  const config = await prepareTestEnvironment({ label: 'access', schema });
  const root = {
    module: class AccessFixtureApp {},
    imports: [
      CoreModule.forRoot(config, schema, 'api'),
      AccessModule.forRoot({ authentication: TestAuthModule }),
    ],
    controllers: [controller],
  };
  return createHttpApp(root, config, { version: APP_VERSION, logger: createLogger('silent', 'api') });
}

describe('deny-by-default access policy', () => {
  it('refuses to start when a route declares no policy, naming it', async () => {
    const app = await appWith(ForgottenPolicyController);
    await expect(app.init()).rejects.toThrow(/these have none: ForgottenPolicyController\.oops/);
    await app.close().catch(() => undefined);
  });

  describe('on requests', () => {
    let app: NestFastifyApplication;
    let request: ReturnType<typeof httpClient>;

    beforeAll(async () => {
      app = await appWith(FixtureController);
      request = httpClient(await listenOnFreePort(app));
    });

    afterAll(async () => {
      await app?.close();
    });

    it('lets anyone call a public route', async () => {
      expect((await request('/api/fixture/open')).status).toBe(200);
    });

    it('answers 401 problem+json to an anonymous caller of a protected route', async () => {
      const res = await request('/api/fixture/mine');
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'authentication_required' });
    });

    it('answers 403 when the caller lacks every required role, and lets a holder of one through', async () => {
      const denied = await request('/api/fixture/admin', {
        method: 'POST',
        headers: { 'x-test-roles': 'user' },
      });
      expect(denied.status).toBe(403);
      expect(denied.body).toMatchObject({ code: 'insufficient_role' });
      expect(
        (
          await request('/api/fixture/admin', {
            method: 'POST',
            headers: { 'x-test-roles': 'user,superadmin' },
          })
        ).status,
      ).toBe(201);
      expect((await request('/api/fixture/mine', { headers: { 'x-test-roles': 'user' } })).status).toBe(200);
    });

    it('opens @SignedIn() routes to any signed-in caller, whatever their roles, and to no one else', async () => {
      const anonymous = await request('/api/fixture/any-account');
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toMatchObject({ code: 'authentication_required' });
      for (const roles of ['user', 'admin', 'superadmin', 'user,admin'])
        expect(
          (await request('/api/fixture/any-account', { headers: { 'x-test-roles': roles } })).status,
        ).toBe(200);
    });
  });
});
