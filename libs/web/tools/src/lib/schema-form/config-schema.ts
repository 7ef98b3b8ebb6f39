import type { ConfigFormat, ConfigProperty, ConfigSchema } from '@huntkit/shared/tool-schema';

export type { ConfigProperty, ConfigSchema } from '@huntkit/shared/tool-schema';

/**
 * A schema from the API (the generated ToolDto types `configSchema` loosely), or an empty one when it
 * is missing or not an object schema.
 */
export function asConfigSchema(value: unknown): ConfigSchema {
  const candidate = value as Partial<ConfigSchema> | null | undefined;
  return candidate && typeof candidate.properties === 'object' && candidate.properties !== null
    ? { ...candidate, type: 'object', additionalProperties: false, properties: candidate.properties }
    : { type: 'object', additionalProperties: false, properties: {} };
}

/** How a text field helps the person typing: keyboard on phones, example, browser behaviour. */
export interface TextHints {
  type: 'text' | 'url';
  inputMode: 'text' | 'url';
  placeholder: string;
}

const FORMAT_HINTS: Partial<Record<ConfigFormat, TextHints>> = {
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
