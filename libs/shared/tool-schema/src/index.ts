/**
 * The JSON Schema (draft 2020-12 subset) a tool's configuration is written in. The API validates
 * configs against it and the web app builds each tool's form from it, so both read these types.
 */
export interface ConfigSchema {
  type: 'object';
  required?: string[];
  properties: Record<string, ConfigProperty>;
  additionalProperties: false;
}

/** The string formats a tool schema may name; the API checks each, the form gives each its keyboard. */
export type ConfigFormat = 'hostname-or-ip' | 'url' | 'port-list' | 'resolver' | 'number-list';

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
  format?: ConfigFormat;
  items?: { type: 'string' | 'integer'; enum?: readonly string[]; maxLength?: number };
  maxItems?: number;
  uniqueItems?: boolean;
}
