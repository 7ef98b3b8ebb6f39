import type { OperationAccess } from '@huntkit/api/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  allOf?: Schema[];
  nullable?: boolean;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

/** One operation of the committed spec, with its request body schema resolved. */
export interface Operation {
  id: string;
  method: string;
  /** As in the spec, e.g. `/api/runs/{runId}`. */
  path: string;
  parameters: Parameter[];
  body: Schema | null;
  bodyType: string | null;
  /** Who may call it, as the route declares it (see docs/access-matrix.md). */
  access: OperationAccess | undefined;
}

interface Spec {
  paths: Record<string, Record<string, RawOperation>>;
  components: { schemas: Record<string, Schema> };
}

interface RawOperation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  'x-access'?: OperationAccess;
}

const SPEC_FILE = join(__dirname, '../../../libs/web/api-client/openapi.json');

/** Every operation the API documents: the list the fuzzer must cover, so new endpoints are covered too. */
export function readOperations(): { operations: Operation[]; resolve: (schema: Schema) => Schema } {
  const spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as Spec;
  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(spec.components.schemas[schema.$ref.split('/').pop() ?? ''] ?? {});
    if (schema.allOf?.length === 1 && schema.allOf[0]) return resolve(schema.allOf[0]);
    return schema;
  };
  const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, raw]): Operation => {
      const [bodyType, content] = Object.entries(raw.requestBody?.content ?? {})[0] ?? [null, null];
      return {
        id: raw.operationId,
        method: method.toUpperCase(),
        path,
        parameters: raw.parameters ?? [],
        body: content ? resolve(content.schema) : null,
        bodyType,
        access: raw['x-access'],
      };
    }),
  );
  return { operations, resolve };
}
