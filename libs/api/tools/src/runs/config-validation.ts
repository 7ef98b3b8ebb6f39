import type { FieldError } from '@huntkit/api/core';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isIP } from 'node:net';
import type { ConfigSchema } from '../definitions/tool-definition';
import { parseNumberList } from '../runners/path-discovery';
import { parsePortList } from '../runners/port-list';
import { parseResolver } from '../runners/resolver-address';

const HOST_LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/i;

/** Why the text is not a host name or IP address, or null when it is one. */
export function hostProblem(text: string): string | null {
  if (isIP(text)) return null;
  const name = text.endsWith('.') ? text.slice(0, -1) : text;
  if (name.length === 0 || name.length > 253 || !name.split('.').every((label) => HOST_LABEL.test(label)))
    return 'Enter a host name such as example.com or an IP address.';
  return null;
}

function urlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Enter a full address such as https://example.com/.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return 'Only http:// and https:// are supported.';
  // Credentials in a URL would end up in logs and reports.
  if (url.username || url.password) return 'Leave user names and passwords out of the URL.';
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return hostProblem(host);
}

/**
 * The string formats tool schemas use, each with a message a person can act on. A format is checked
 * only after the value passed its type and length rules.
 */
const FORMATS: Record<string, (value: string) => string | null> = {
  'hostname-or-ip': hostProblem,
  url: urlProblem,
  'port-list': (value) => {
    const parsed = parsePortList(value);
    return Array.isArray(parsed) ? null : parsed.error;
  },
  'number-list': (value) => {
    const parsed = parseNumberList(value);
    return Array.isArray(parsed) ? null : parsed.error;
  },
  // Empty means the system resolvers.
  resolver: (value) => {
    if (!value) return null;
    const parsed = parseResolver(value);
    return 'error' in parsed ? parsed.error : null;
  },
};

/** Lets a runner module add the checker of a format its tool schema introduces. */
export function registerConfigFormat(name: string, check: (value: string) => string | null): void {
  FORMATS[name] = check;
}

export type ConfigValidation =
  | { ok: true; config: Record<string, unknown> }
  | { ok: false; errors: FieldError[] };

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false, validateFormats: false });
const compiled = new WeakMap<ConfigSchema, ValidateFunction>();

function messageOf(error: ErrorObject, title: string, description?: string): string {
  switch (error.keyword) {
    case 'required':
      return `${title} is required.`;
    case 'additionalProperties':
      return 'This tool has no such setting.';
    case 'type':
      return `${title} must be ${error.params['type'] === 'integer' ? 'a whole number' : `a ${String(error.params['type'])}`}.`;
    case 'minimum':
    case 'maximum':
      return `${title} must be ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${String(error.params['limit'])}.`;
    case 'minLength':
      return Number(error.params['limit']) <= 1 ? `${title} is required.` : `${title} is too short.`;
    case 'maxLength':
      return `${title} must be at most ${String(error.params['limit'])} characters.`;
    case 'enum':
      return `${title} must be one of: ${(error.params['allowedValues'] as unknown[]).join(', ')}.`;
    case 'maxItems':
      return `${title} takes at most ${String(error.params['limit'])} entries.`;
    case 'uniqueItems':
      return `${title} lists the same entry twice.`;
    case 'pattern':
      return description
        ? `${title} is not in the expected form. ${description}`
        : `${title} is not in the expected form.`;
    default:
      return `${title} is not valid.`;
  }
}

/**
 * Validates a tool config against the tool's JSON Schema and applies its defaults. Errors point into
 * the request body (`/config/<field>`), one per field, so the form shows them next to the field.
 */
export function validateToolConfig(schema: ConfigSchema, input: unknown): ConfigValidation {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  const config = structuredClone(input ?? {}) as Record<string, unknown>;
  const errors = new Map<string, string>();
  /** Fields whose only complaint is the pattern: the format's own message says more. */
  const patternOnly = new Set<string>();
  if (!validate(config)) {
    for (const error of validate.errors ?? []) {
      const field =
        error.keyword === 'required'
          ? String(error.params['missingProperty'])
          : error.keyword === 'additionalProperties'
            ? String(error.params['additionalProperty'])
            : (error.instancePath.split('/')[1] ?? '');
      const property = schema.properties[field];
      const title = property?.title ?? field;
      if (errors.has(field)) {
        patternOnly.delete(field);
        continue;
      }
      errors.set(field, messageOf(error, title, property?.description));
      if (error.keyword === 'pattern') patternOnly.add(field);
    }
  }
  for (const [field, property] of Object.entries(schema.properties)) {
    const value = config[field];
    const check = property.format ? FORMATS[property.format] : undefined;
    if ((errors.has(field) && !patternOnly.has(field)) || typeof value !== 'string' || !check) continue;
    const problem = check(value.trim());
    if (problem) errors.set(field, problem);
    else config[field] = value.trim();
  }
  if (errors.size === 0) return { ok: true, config };
  return {
    ok: false,
    errors: [...errors].map(([field, detail]) => ({
      field: `config.${field}`,
      pointer: `/config/${field}`,
      detail,
    })),
  };
}
