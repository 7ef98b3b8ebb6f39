import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ProblemDto, FieldErrorDto } from './problem.dto';

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
    // Any route can be rate limited or fail unexpectedly; both answer with a problem body.
    .addGlobalResponse(
      {
        status: 429,
        description: 'Too Many Requests (see the Retry-After header)',
        content: problemContent(),
      },
      { status: 500, description: 'Internal Server Error', content: problemContent() },
    )
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
    extraModels: [ProblemDto, FieldErrorDto],
  });
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
