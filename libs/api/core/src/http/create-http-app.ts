import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import { MikroORM, RequestContext } from '@mikro-orm/core';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { constants as zlib } from 'node:zlib';
import type { Logger } from 'pino';
import type { AppConfig, TrustProxySetting } from '../config/app-config';
import { ProblemFilter, sendFrameworkError } from '../errors/problem.filter';
import { createValidationPipe } from '../errors/validation';
import { createUnredactedLogger } from '../logging/logger';
import { NestPinoLogger } from '../logging/nest-logger';
import { buildOpenApiDocument, mountSwagger } from './openapi';
import { requestIdFor } from './request-id';
import { registerSecurityHeaders } from './security-headers';
import { registerRequestLogging } from './request-logging';
import { registerSpa } from './spa';

/** Fastify's types omit hop counts, which its proxy-addr accepts; a hop predicate says the same. */
function toFastifyTrustProxy(
  setting: TrustProxySetting,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}

export interface HttpAppOptions {
  version: string;
  logger: Logger;
}

/**
 * Builds the API exactly as production runs it (prefix, filters, pipes, headers, docs, SPA), so the
 * process entry point, the end-to-end tests and the benchmarks all exercise the same application.
 */
export async function createHttpApp(
  rootModule: DynamicModule,
  config: AppConfig,
  { version, logger }: HttpAppOptions,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    logger: false,
    genReqId: requestIdFor,
    trustProxy: toFastifyTrustProxy(config.http.trustProxy),
    bodyLimit: config.http.bodyLimitBytes,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    frameworkErrors: sendFrameworkError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    logger: new NestPinoLogger(logger),
    // Webhook signatures (Stripe) are computed over the exact bytes received.
    rawBody: true,
  });
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new ProblemFilter(logger));
  app.useGlobalPipes(createValidationPipe());

  const fastify = app.getHttpAdapter().getInstance();
  const orm = app.get(MikroORM);
  // Each request gets its own identity map: everything after this hook runs inside its context.
  fastify.addHook('onRequest', (_request, _reply, done) => RequestContext.create(orm.em, done));
  registerRequestLogging(fastify, createUnredactedLogger(logger));
  await app.register(cookie);
  const thirdParty = thirdPartyOrigins(config);
  registerSecurityHeaders(fastify, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...thirdParty.scripts],
        styleSrc: ["'self'", "'unsafe-inline'", ...thirdParty.styles],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...thirdParty.connections],
        ...(thirdParty.frames.length ? { frameSrc: thirdParty.frames } : {}),
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Only where the site is served over HTTPS: on plain HTTP it would break every script load.
        ...(config.isProduction && config.appUrl.startsWith('https:') ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: config.isProduction ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    // Quality 4 keeps brotli cheap per request; the default of 11 costs more CPU than it saves.
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
  });
  if (config.web.distDir) await registerSpa(fastify, config.web.distDir);
  mountSwagger(app, buildOpenApiDocument(app, version));
  return app;
}

/**
 * What the page may load from elsewhere: Google's One Tap and Cloudflare's Turnstile scripts, and only
 * when the site has them configured; otherwise the policy stays 'self' only.
 */
function thirdPartyOrigins(
  config: AppConfig,
): Record<'scripts' | 'styles' | 'connections' | 'frames', string[]> {
  const google = config.oauth.google !== null;
  const turnstile = config.turnstile !== null;
  return {
    scripts: [
      ...(google ? ['https://accounts.google.com/gsi/client'] : []),
      ...(turnstile ? ['https://challenges.cloudflare.com'] : []),
    ],
    styles: google ? ['https://accounts.google.com/gsi/style'] : [],
    connections: google ? ['https://accounts.google.com/gsi/'] : [],
    frames: [
      ...(google ? ['https://accounts.google.com/gsi/'] : []),
      ...(turnstile ? ['https://challenges.cloudflare.com'] : []),
    ],
  };
}
