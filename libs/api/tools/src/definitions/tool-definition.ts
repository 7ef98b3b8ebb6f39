import type { ConfigProperty, ConfigSchema } from '@huntkit/shared/tool-schema';
import type { ItemKind } from '@huntkit/shared/workflow';
import type { ToolRunner } from '../runners/runner';

export type { ConfigFormat, ConfigProperty, ConfigSchema } from '@huntkit/shared/tool-schema';

/** The kinds of result a run produces; the same kinds flow along a workflow's connections. */
export type ResultKind = ItemKind;

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
  /**
   * How a workflow feeds it: the config field an incoming item fills, and the kinds it can turn into
   * that field's value (a host becomes a URL for web tools, a port gives TLS inspection its port).
   */
  input: { field: string; accepts: readonly ResultKind[] };
  defaultTimeoutSeconds: number;
  maxTimeoutSeconds: number;
  /** For wrappers of installed programs: the executable the worker needs on its PATH. */
  program?: string;
}

/** A tool as the registry holds it: its definition and the runner that carries a run out, together. */
export interface RegisteredTool extends ToolDefinition {
  run: ToolRunner;
}

/**
 * One registry entry: a definition without its runner does not compile. The runner's own config type
 * is widened here because configs reach a runner only after validation against `configSchema` with
 * defaults applied (at launch), which is what makes the runner's narrower type true.
 */
export function defineTool<Config>(tool: ToolDefinition & { run: ToolRunner<Config> }): RegisteredTool {
  return tool as unknown as RegisteredTool;
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
