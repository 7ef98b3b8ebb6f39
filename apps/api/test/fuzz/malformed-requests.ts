import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { Operation, Parameter, Schema } from '../openapi-operations';

/** A request to send: the path already filled in, the body as the exact bytes to send. */
export interface FuzzRequest {
  label: string;
  path: string;
  query: string;
  contentType?: string;
  /** Text, or raw bytes for what no JavaScript string can hold (invalid UTF-8). */
  body?: string | Uint8Array<ArrayBuffer>;
}

const MEGABYTE_STRING = 'x'.repeat(1_000_000);

/**
 * Byte sequences that are not UTF-8 at all: an overlong "/" (the classic path-traversal disguise), a
 * lone continuation byte, a truncated sequence and a surrogate encoded as UTF-8 (CESU-8).
 */
const INVALID_UTF8: [string, number[]][] = [
  ['overlong "/" bytes', [0xc0, 0xaf]],
  ['lone continuation byte', [0x80]],
  ['truncated sequence', [0xe2, 0x82]],
  ['UTF-8 encoded surrogate', [0xed, 0xa0, 0x80]],
];

/** `body` as JSON bytes, with `bytes` as the raw content of the string field `property`. */
function withRawBytes(
  body: Record<string, unknown>,
  property: string,
  bytes: number[],
): Uint8Array<ArrayBuffer> {
  const marker = '\u0000MARKER\u0000';
  const [before, after] = JSON.stringify({ ...body, [property]: marker }).split(JSON.stringify(marker));
  return Buffer.concat([Buffer.from(`${before}"`), Buffer.from(bytes), Buffer.from(`"${after}`)]);
}

/** The classics every field should survive: types, nulls, sizes, numbers and Unicode edge cases. */
export const BAD_VALUES: [string, unknown][] = [
  ['null', null],
  ['true', true],
  ['zero', 0],
  ['negative', -1],
  ['fraction', 1.5],
  ['huge number', 1e308],
  ['unsafe integer', 2 ** 64],
  ['empty string', ''],
  ['numeric string', '12'],
  ['1 MB string', MEGABYTE_STRING],
  ['NUL', 'a\u0000b'],
  ['RTL mark', '\u202Eevil'],
  ['emoji', '💥🔥'],
  ['lone surrogate', '\uD800'],
  ['overlong form', 'Ã€Â¯'],
  ['array', ['a']],
  ['object', { a: 1 }],
  ['__proto__', JSON.parse('{"__proto__":{"polluted":true}}') as unknown],
];

/** Path parameter values: malformed, unknown, traversal, injection, oversized. */
const BAD_PATH_VALUES: [string, string][] = [
  ['not an id', 'not-an-id'],
  ['unknown uuid', '00000000-0000-4000-8000-000000000000'],
  ['NUL', '%00'],
  ['traversal', '..%2F..%2Fetc%2Fpasswd'],
  ['SQL', "1'%20OR%20'1'%3D'1"],
  ['emoji', '%F0%9F%92%A5'],
  ['negative', '-1'],
  ['long', 'a'.repeat(3000)],
];

/** A plausible value for a schema: examples and defaults first, then something of the right type. */
export function plausible(schema: Schema, resolve: (schema: Schema) => Schema): unknown {
  const resolved = resolve(schema);
  if (resolved.example !== undefined) return resolved.example;
  if (resolved.default !== undefined) return resolved.default;
  if (resolved.enum?.length) return resolved.enum[0];
  switch (resolved.type ?? 'string') {
    case 'integer':
    case 'number':
      return resolved.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return Object.fromEntries(
        Object.entries(resolved.properties ?? {})
          .filter(([name]) => resolved.required?.includes(name))
          .map(([name, property]) => [name, plausible(property, resolve)]),
      );
    default:
      if (resolved.format === 'uuid') return randomUUID();
      if (resolved.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
      if (resolved.format === 'email') return `fuzz-${randomUUID().slice(0, 8)}@example.com`;
      return 'fuzz';
  }
}

const encode = (value: unknown) =>
  encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value));

function fillPath(operation: Operation, resolve: (schema: Schema) => Schema, override?: [string, string]) {
  return operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (override && override[0] === name) return override[1];
    const parameter = operation.parameters.find((candidate) => candidate.name === name);
    return encode(plausible(parameter?.schema ?? {}, resolve));
  });
}

function queryCases(parameter: Parameter): [string, string][] {
  const name = encodeURIComponent(parameter.name);
  return [
    ['wrong type', `${name}=abc`],
    ['negative', `${name}=-1`],
    ['fraction', `${name}=1.5`],
    ['huge', `${name}=99999999999999999999999`],
    ['repeated', `${name}=1&${name}=2`],
    ['array-shaped', `${name}[]=1&${name}[x]=2`],
    ['empty', `${name}=`],
    ['NUL', `${name}=a%00b`],
    ['long', `${name}=${'q'.repeat(5000)}`],
  ];
}

/**
 * The malformed requests for one operation: classic bad values for every path parameter, query
 * parameter and body field, `generated` fast-check values per body field (seeded), and whole-body
 * breakage (malformed JSON, the wrong content type, over the size limit).
 */
export function malformedRequests(
  operation: Operation,
  resolve: (schema: Schema) => Schema,
  options: { generated: number; seed: number; bodyLimitBytes: number },
): FuzzRequest[] {
  const requests: FuzzRequest[] = [];
  const path = fillPath(operation, resolve);
  const add = (request: Omit<FuzzRequest, 'path' | 'query'> & Partial<FuzzRequest>) =>
    requests.push({ path, query: '', ...request });

  add({ label: 'no parameters', query: '__proto__[polluted]=1&constructor[prototype][x]=1' });
  for (const parameter of operation.parameters.filter((candidate) => candidate.in === 'path'))
    for (const [label, value] of BAD_PATH_VALUES)
      add({
        label: `path ${parameter.name}: ${label}`,
        path: fillPath(operation, resolve, [parameter.name, value]),
      });
  for (const parameter of operation.parameters.filter((candidate) => candidate.in === 'query'))
    for (const [label, query] of queryCases(parameter))
      add({ label: `query ${parameter.name}: ${label}`, query });

  if (!operation.body) return requests;
  const json = (value: unknown) => ({ contentType: 'application/json', body: JSON.stringify(value) });
  const base = plausible(operation.body, resolve) as Record<string, unknown>;
  add({ label: 'plausible body', ...json(base) });
  for (const [label, value] of [
    ['null', null],
    ['array', []],
    ['string', 'x'],
    ['number', 1],
    ['empty', {}],
  ] as const)
    add({ label: `body ${label}`, ...json(value) });
  add({ label: 'malformed JSON', contentType: 'application/json', body: '{"a":' });
  add({
    label: 'prototype keys',
    contentType: 'application/json',
    body: '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}',
  });
  add({ label: 'extra field', ...json({ ...base, unexpectedField: 'x' }) });
  add({ label: 'wrong content type', contentType: 'text/plain', body: JSON.stringify(base) });
  add({ label: 'no content type', body: JSON.stringify(base) });
  add({
    label: 'over the size limit',
    contentType: 'application/json',
    body: JSON.stringify({ a: 'x'.repeat(options.bodyLimitBytes) }),
  });

  const properties = Object.keys(resolve(operation.body).properties ?? {});
  for (const property of properties) {
    const without = { ...base };
    delete without[property];
    add({ label: `${property}: missing`, ...json(without) });
    for (const [label, value] of BAD_VALUES)
      add({ label: `${property}: ${label}`, ...json({ ...base, [property]: value }) });
    for (const [label, bytes] of INVALID_UTF8)
      add({
        label: `${property}: ${label}`,
        contentType: 'application/json',
        body: withRawBytes(base, property, bytes),
      });
    const generated = fc.sample(fc.jsonValue(), {
      seed: options.seed + properties.indexOf(property),
      numRuns: options.generated,
    });
    generated.forEach((value, index) =>
      add({
        label: `${property}: generated #${index} (seed ${options.seed})`,
        ...json({ ...base, [property]: value }),
      }),
    );
  }
  return requests;
}
