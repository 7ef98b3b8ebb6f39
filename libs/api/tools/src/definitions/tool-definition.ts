/** A JSON Schema (draft 2020-12 subset) describing a tool's configuration form. */
export interface ConfigSchema {
  type: 'object';
  required?: string[];
  properties: Record<string, ConfigProperty>;
  additionalProperties: false;
}

export interface ConfigProperty {
  type: 'string' | 'integer' | 'boolean' | 'array';
  title: string;
  description?: string;
  default?: unknown;
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** `resolver`: an IP address with an optional port (`1.1.1.1`, `127.0.0.1:5353`, `[::1]:5353`). */
  format?: 'hostname-or-ip' | 'url' | 'port-list' | 'resolver' | 'number-list';
  items?: { type: 'string' | 'integer'; enum?: readonly string[]; maxLength?: number };
  maxItems?: number;
  uniqueItems?: boolean;
}

export type ResultKind =
  | 'host'
  | 'port'
  | 'service'
  | 'url'
  | 'certificate'
  | 'header'
  | 'dns-record'
  | 'path'
  | 'finding';

/**
 * A tool, as code defines it: the catalog, the config form, the cost and the limits all come from here
 * through the API. Admins may switch a tool off or change its cost (stored over these defaults).
 */
export interface ToolDefinition {
  id: string;
  name: string;
  category: string;
  summary: string;
  /** Credits a run costs unless an admin set another price. */
  cost: number;
  configSchema: ConfigSchema;
  produces: readonly ResultKind[];
  defaultTimeoutSeconds: number;
  maxTimeoutSeconds: number;
  /** For wrappers of installed programs: the executable the worker needs on its PATH. */
  program?: string;
}

/** The target field every tool shares: a host name or an IP address. */
export const HOST_TARGET: ConfigProperty = {
  type: 'string',
  title: 'Target',
  description: 'A host name or an IP address you are allowed to test.',
  format: 'hostname-or-ip',
  minLength: 1,
  maxLength: 253,
};

/** The target field of web tools: an http(s) URL. */
export const URL_TARGET: ConfigProperty = {
  type: 'string',
  title: 'URL',
  description: 'An http:// or https:// address you are allowed to test.',
  format: 'url',
  minLength: 8,
  maxLength: 2048,
  pattern: '^https?://',
};
