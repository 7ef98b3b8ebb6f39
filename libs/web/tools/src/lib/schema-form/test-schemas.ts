import type { ConfigSchema } from './config-schema';

/** Schemas shaped like the catalog's, for the specs. */
export const PORT_SCAN: ConfigSchema = {
  type: 'object',
  required: ['target', 'ports'],
  additionalProperties: false,
  properties: {
    target: {
      type: 'string',
      title: 'Target',
      description: 'A host name or an IP address you are allowed to test.',
      format: 'hostname-or-ip',
      minLength: 1,
      maxLength: 253,
    },
    ports: { type: 'string', title: 'Ports', format: 'port-list', default: '1-1024', maxLength: 500 },
    concurrency: { type: 'integer', title: 'Parallel connections', minimum: 1, maximum: 1000, default: 200 },
    grabBanners: { type: 'boolean', title: 'Grab banners', default: true },
  },
};

export const MIXED: ConfigSchema = {
  type: 'object',
  required: ['url'],
  additionalProperties: false,
  properties: {
    url: {
      type: 'string',
      title: 'URL',
      format: 'url',
      minLength: 8,
      maxLength: 2048,
      pattern: '^https?://',
    },
    wordlist: { type: 'string', title: 'Wordlist', enum: ['small', 'medium'], default: 'small' },
    types: {
      type: 'array',
      title: 'Record types',
      items: { type: 'string', enum: ['A', 'AAAA', 'MX'] },
      uniqueItems: true,
      maxItems: 3,
      default: ['A', 'AAAA'],
    },
    extensions: {
      type: 'array',
      title: 'Extensions',
      items: { type: 'string', maxLength: 5 },
      maxItems: 3,
      uniqueItems: true,
      default: [],
    },
    resolver: { type: 'string', title: 'Resolver', format: 'resolver', maxLength: 64 },
  },
};
