import type { INestApplication } from '@nestjs/common';
import { DiscoveryService, ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { OperationAccess } from '../access/access-matrix';
import { listRouteAccess, type RouteAccess } from '../access/route-access';
import { ProblemDto, FieldErrorDto } from './problem.dto';

/** How a caller proves who they are: the web app's session cookie, or a personal API token. */
const SECURITY_SCHEMES = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: '__Host-hk_access', // the auth feature's ACCESS_COOKIE, which core cannot import
    description:
      "The web app's session (set by signing in). State-changing requests also need the X-XSRF-TOKEN header.",
  },
  apiToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      'A personal API token (Account settings → API tokens), sent as `Authorization: Bearer hk_…`. It reaches only operations that list its scope.',
  },
} as const;

/**
 * Builds the OpenAPI document from the controllers' decorators. Operation ids are the handler names,
 * which must therefore be unique across the API; they become the generated Angular client's methods.
 */
export function buildOpenApiDocument(app: INestApplication, version: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Huntkit API')
    .setDescription(
      'REST API of Huntkit, the recon and security-testing platform. Every error is an RFC 9457 ' +
        '`application/problem+json` body with a stable `code` and the `requestId` to quote to support.',
    )
    .setVersion(version)
    // Any route can be rate limited, fail unexpectedly, or meet a dependency that is briefly away.
    .addGlobalResponse(
      {
        status: 429,
        description: 'Too Many Requests (see the Retry-After header)',
        content: problemContent(),
      },
      { status: 500, description: 'Internal Server Error', content: problemContent() },
      {
        status: 503,
        description:
          'Service Unavailable: the database or Redis is briefly away (a restart, a failover); retry after the Retry-After header',
        content: problemContent(),
      },
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
    extraModels: [ProblemDto, FieldErrorDto],
  });
  // From the modules themselves: the app may be a preview, whose providers were never created.
  const routes = listRouteAccess(new DiscoveryService(app.get(ModulesContainer)));
  return withAccess(document, routes);
}

/**
 * States each operation's access policy in the spec, read from the same decorators the access guard
 * enforces: `x-access` for tools (the access matrix is generated from it) and `security` for readers.
 */
function withAccess(document: OpenAPIObject, routes: RouteAccess[]): OpenAPIObject {
  const byHandler = new Map(routes.map((route) => [route.handler, route]));
  for (const methods of Object.values(document.paths)) {
    for (const operation of Object.values(methods) as { operationId?: string }[]) {
      const route = byHandler.get(operation.operationId ?? '');
      if (!route?.policy) continue; // the boot audit refuses such a route; the matrix flags it too
      const { policy, tokenScope } = route;
      const access: OperationAccess =
        policy.kind === 'public'
          ? { policy: 'public' }
          : policy.kind === 'signed-in'
            ? { policy: 'signed-in', ...(tokenScope ? { tokenScope } : {}) }
            : { policy: 'roles', roles: [...policy.roles], ...(tokenScope ? { tokenScope } : {}) };
      const security =
        access.policy === 'public'
          ? []
          : [{ session: [] }, ...(tokenScope ? [{ apiToken: [tokenScope] }] : [])];
      Object.assign(operation, { security, 'x-access': access });
    }
  }
  document.components = { ...document.components, securitySchemes: { ...SECURITY_SCHEMES } };
  return document;
}

function problemContent() {
  return { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } };
}

export function mountSwagger(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/openapi.json',
    customSiteTitle: 'Huntkit API',
    swaggerOptions: { persistAuthorization: true, displayRequestDuration: true },
  });
}
