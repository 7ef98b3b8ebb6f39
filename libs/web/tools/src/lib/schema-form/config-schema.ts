/**
 * The JSON Schema subset tool configs are written in (the API's ConfigSchema). The generated ToolDto
 * types `configSchema` loosely, so the form reads it through these types.
 */
export interface ConfigSchema {
  type: 'object';
  required?: string[];
  properties: Record<string, ConfigProperty>;
  additionalProperties?: boolean;
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
  format?: string;
  items?: { type: 'string' | 'integer'; enum?: readonly string[]; maxLength?: number };
  maxItems?: number;
  uniqueItems?: boolean;
}

/** A schema from the API, or an empty one when it is missing or not an object schema. */
export function asConfigSchema(value: unknown): ConfigSchema {
  const candidate = value as Partial<ConfigSchema> | null | undefined;
  return candidate && typeof candidate.properties === 'object' && candidate.properties !== null
    ? { type: 'object', ...candidate, properties: candidate.properties }
    : { type: 'object', properties: {} };
}

/** How a text field helps the person typing: keyboard on phones, example, browser behaviour. */
export interface TextHints {
  type: 'text' | 'url';
  inputMode: 'text' | 'url';
  placeholder: string;
}

const FORMAT_HINTS: Record<string, TextHints> = {
  url: { type: 'url', inputMode: 'url', placeholder: 'https://example.com/' },
  // `url` keyboards have the dot and slash within reach, which host names and IPs need.
  'hostname-or-ip': { type: 'text', inputMode: 'url', placeholder: 'example.com or 203.0.113.7' },
  'port-list': { type: 'text', inputMode: 'text', placeholder: '22,80,443,8000-8100' },
  resolver: { type: 'text', inputMode: 'text', placeholder: '1.1.1.1' },
};

export function textHints(property: ConfigProperty): TextHints {
  return (
    (property.format && FORMAT_HINTS[property.format]) || { type: 'text', inputMode: 'text', placeholder: '' }
  );
}
