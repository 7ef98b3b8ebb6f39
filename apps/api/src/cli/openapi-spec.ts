import { APP_VERSION, buildOpenApiDocument, loadConfig, renderAccessMatrix } from '@huntkit/api/core';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppModule } from '../app.module';

/** Placeholder values: in preview mode Nest builds the module graph without connecting to anything. */
const SPEC_ENV = {
  APP_URL: 'http://localhost:3000',
  DATABASE_URL: 'postgres://spec@127.0.0.1:5432/spec',
  REDIS_URL: 'redis://127.0.0.1:6379',
  APP_SECRET: 'openapi-spec-generation-needs-no-real-secret',
};

/** Writes the OpenAPI document from the controllers alone, with no server, database or Redis. */
export async function writeOpenApiSpec(file: string): Promise<void> {
  const app = await NestFactory.create(AppModule.forRoot(loadConfig(SPEC_ENV)), new FastifyAdapter(), {
    preview: true,
    logger: false,
  });
  app.setGlobalPrefix('api');
  const document = buildOpenApiDocument(app, APP_VERSION);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
}

/** Writes the access matrix of a spec: what every principal must be answered on every operation. */
export function writeAccessMatrix(specFile: string, file: string): void {
  const document = JSON.parse(readFileSync(specFile, 'utf8')) as Parameters<typeof renderAccessMatrix>[0];
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, renderAccessMatrix(document));
}
