import { corsCheckRunner } from '../runners/cors-check';
import { dnsRecordsRunner } from '../runners/dns-records';
import { ffufRunner } from '../runners/ffuf';
import { httpProbeRunner } from '../runners/http-probe';
import { nmapRunner } from '../runners/nmap';
import { pathDiscoveryRunner } from '../runners/path-discovery';
import { portScanRunner } from '../runners/port-scan';
import { securityHeadersRunner } from '../runners/security-headers';
import { subdomainDiscoveryRunner } from '../runners/subdomain-discovery';
import { tlsInspectRunner } from '../runners/tls-inspect';
import {
  type ConfigProperty,
  type ConfigSchema,
  defineTool,
  HOST_TARGET,
  type RegisteredTool,
  URL_TARGET,
} from './tool-definition';

const timeout = (defaultSeconds: number, maxSeconds: number) => ({
  defaultTimeoutSeconds: defaultSeconds,
  maxTimeoutSeconds: maxSeconds,
});

/** The DNS server a lookup tool asks: an IP (the target policy checks it), so no name needs resolving first. */
const RESOLVER: ConfigProperty = {
  type: 'string',
  title: 'Resolver',
  description:
    'A DNS server IP with an optional port, such as 1.1.1.1 or [2606:4700::1111]:53; the system one if empty.',
  format: 'resolver',
  maxLength: 64,
};

/** Comma lists of numbers and ranges (`404,500-599`); parseNumberList gives the precise error. */
/** The bundled wordlists of the discovery tools and the ffuf wrapper. */
const WORDLIST: ConfigProperty = {
  type: 'string',
  title: 'Wordlist',
  description: 'small: about 100 of the most common words (quick); medium: about 1,000 (thorough).',
  enum: ['small', 'medium'],
  default: 'small',
};

/** The settings of web checks that need nothing but the address. */
const URL_ONLY: ConfigSchema = {
  type: 'object',
  required: ['url'],
  additionalProperties: false,
  properties: { url: URL_TARGET },
};

/**
 * Every tool of the catalog with its runner: the one list the catalog, the launcher and the workers
 * read. Native tools run in TypeScript; the last two wrap installed programs.
 */
export const TOOL_REGISTRY: readonly RegisteredTool[] = [
  defineTool({
    id: 'port-scan',
    name: 'Port scan',
    category: 'network',
    summary:
      'TCP connect scan of chosen ports or ranges (up to all 65,535), with banners and service guesses.',
    cost: 2,
    produces: ['host', 'port', 'service'],
    input: { field: 'target', accepts: ['host'] },
    ...timeout(300, 1800),
    run: portScanRunner,
    configSchema: {
      type: 'object',
      required: ['target', 'ports'],
      additionalProperties: false,
      properties: {
        target: HOST_TARGET,
        ports: {
          type: 'string',
          title: 'Ports',
          description: 'A list and ranges, such as 22,80,443,8000-8100, or 1-65535 for all.',
          format: 'port-list',
          default: '1-1024',
          maxLength: 500,
        },
        concurrency: {
          type: 'integer',
          title: 'Parallel connections',
          minimum: 1,
          maximum: 1000,
          default: 200,
        },
        timeoutMs: {
          type: 'integer',
          title: 'Connect timeout (ms)',
          minimum: 100,
          maximum: 10000,
          default: 1500,
        },
        grabBanners: { type: 'boolean', title: 'Grab banners', default: true },
      },
    },
  }),
  defineTool({
    id: 'http-probe',
    name: 'HTTP probe',
    category: 'web',
    summary: 'Status, title, server, content type and length, redirect chain, TLS summary and technologies.',
    cost: 1,
    produces: ['url', 'service', 'finding'],
    input: { field: 'url', accepts: ['url', 'host', 'port'] },
    ...timeout(60, 300),
    run: httpProbeRunner,
    configSchema: {
      type: 'object',
      required: ['url'],
      additionalProperties: false,
      properties: {
        url: URL_TARGET,
        followRedirects: { type: 'boolean', title: 'Follow redirects', default: true },
        maxRedirects: { type: 'integer', title: 'Most redirects', minimum: 0, maximum: 20, default: 10 },
      },
    },
  }),
  defineTool({
    id: 'tls-inspect',
    name: 'TLS inspection',
    category: 'tls',
    summary:
      'Protocol, cipher and certificate: subject, SANs, issuer, validity, self-signed and name mismatch.',
    cost: 1,
    produces: ['certificate', 'finding'],
    input: { field: 'target', accepts: ['host', 'port'] },
    ...timeout(60, 300),
    run: tlsInspectRunner,
    configSchema: {
      type: 'object',
      required: ['target'],
      additionalProperties: false,
      properties: {
        target: HOST_TARGET,
        port: { type: 'integer', title: 'Port', minimum: 1, maximum: 65535, default: 443 },
      },
    },
  }),
  defineTool({
    id: 'security-headers',
    name: 'Security headers audit',
    category: 'headers',
    summary:
      'HSTS, CSP, framing, MIME sniffing, referrer, permissions, COOP/COEP/CORP and cookie flags, graded.',
    cost: 1,
    produces: ['header', 'finding'],
    input: { field: 'url', accepts: ['url', 'path'] },
    ...timeout(60, 300),
    run: securityHeadersRunner,
    configSchema: URL_ONLY,
  }),
  defineTool({
    id: 'dns-records',
    name: 'DNS records',
    category: 'dns',
    summary:
      'A, AAAA, CNAME, MX, NS, TXT, SOA and CAA records, with dangling CNAME, SPF, DMARC and CAA checks.',
    cost: 1,
    produces: ['dns-record', 'finding'],
    input: { field: 'domain', accepts: ['host'] },
    ...timeout(60, 300),
    run: dnsRecordsRunner,
    configSchema: {
      type: 'object',
      required: ['domain'],
      additionalProperties: false,
      properties: {
        domain: { ...HOST_TARGET, title: 'Domain', description: 'The domain to look up.' },
        types: {
          type: 'array',
          title: 'Record types',
          items: { type: 'string', enum: ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT', 'SOA', 'CAA'] },
          uniqueItems: true,
          maxItems: 8,
          default: ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT', 'SOA', 'CAA'],
        },
        resolver: RESOLVER,
      },
    },
  }),
  defineTool({
    id: 'subdomain-discovery',
    name: 'Subdomain discovery',
    category: 'dns',
    summary:
      'Wordlist guesses against a resolver, with wildcard detection so catch-all zones do not flood results.',
    cost: 3,
    produces: ['host', 'dns-record', 'finding'],
    input: { field: 'domain', accepts: ['host'] },
    ...timeout(600, 3600),
    run: subdomainDiscoveryRunner,
    configSchema: {
      type: 'object',
      required: ['domain'],
      additionalProperties: false,
      properties: {
        domain: { ...HOST_TARGET, title: 'Domain', description: 'The parent domain.' },
        wordlist: WORDLIST,
        resolver: RESOLVER,
        concurrency: { type: 'integer', title: 'Parallel lookups', minimum: 1, maximum: 200, default: 50 },
      },
    },
  }),
  defineTool({
    id: 'path-discovery',
    name: 'Path discovery',
    category: 'content',
    summary:
      'Files and folders by wordlist with status, size, words and lines, filters, extensions and secret checks.',
    cost: 3,
    produces: ['path', 'finding'],
    input: { field: 'url', accepts: ['url'] },
    ...timeout(600, 3600),
    run: pathDiscoveryRunner,
    configSchema: {
      type: 'object',
      required: ['url'],
      additionalProperties: false,
      properties: {
        url: URL_TARGET,
        wordlist: WORDLIST,
        extensions: {
          type: 'array',
          title: 'Extensions',
          items: { type: 'string', maxLength: 10 },
          maxItems: 10,
          uniqueItems: true,
          default: [],
        },
        hideStatus: {
          type: 'string',
          title: 'Hide status codes',
          description: 'Codes and ranges, such as 404,403 or 400-499.',
          default: '404',
          maxLength: 100,
          format: 'number-list',
        },
        hideSizes: {
          type: 'string',
          title: 'Hide sizes (bytes)',
          description: 'Sizes and ranges to hide, such as 1234 or 100-200 (a soft-404 page).',
          default: '',
          maxLength: 100,
          format: 'number-list',
        },
        concurrency: { type: 'integer', title: 'Parallel requests', minimum: 1, maximum: 200, default: 40 },
      },
    },
  }),
  defineTool({
    id: 'cors-check',
    name: 'CORS misconfiguration check',
    category: 'headers',
    summary: 'Reflected and null origins, prefix and suffix tricks, and credentials allowed with them.',
    cost: 1,
    produces: ['finding', 'header'],
    input: { field: 'url', accepts: ['url', 'path'] },
    ...timeout(60, 300),
    run: corsCheckRunner,
    configSchema: URL_ONLY,
  }),
  defineTool({
    id: 'nmap',
    name: 'nmap',
    category: 'network',
    summary: 'The scanner you know, run on the worker; its XML output parsed into hosts, ports and services.',
    cost: 4,
    program: 'nmap',
    produces: ['host', 'port', 'service'],
    input: { field: 'target', accepts: ['host'] },
    ...timeout(900, 3600),
    run: nmapRunner,
    configSchema: {
      type: 'object',
      required: ['target'],
      additionalProperties: false,
      properties: {
        target: HOST_TARGET,
        ports: {
          type: 'string',
          title: 'Ports',
          description: 'A list and ranges, such as 22,80,443,8000-8100.',
          format: 'port-list',
          default: '1-1000',
          maxLength: 500,
        },
        timing: { type: 'string', title: 'Timing template', enum: ['T2', 'T3', 'T4', 'T5'], default: 'T4' },
        serviceDetection: { type: 'boolean', title: 'Service versions (-sV)', default: false },
      },
    },
  }),
  defineTool({
    id: 'ffuf',
    name: 'ffuf',
    category: 'content',
    summary: 'Fast web fuzzing with your familiar filters; its JSON output parsed into paths.',
    cost: 4,
    program: 'ffuf',
    produces: ['path'],
    input: { field: 'url', accepts: ['url'] },
    ...timeout(900, 3600),
    run: ffufRunner,
    configSchema: {
      type: 'object',
      required: ['url'],
      additionalProperties: false,
      properties: {
        url: {
          ...URL_TARGET,
          description: 'Put FUZZ where the words go, such as https://example.com/FUZZ.',
          pattern: '^https?://.*FUZZ',
        },
        wordlist: WORDLIST,
        filterStatus: {
          type: 'string',
          title: 'Filter status codes',
          description: 'Codes and ranges to hide (-fc), such as 404 or 400-499.',
          default: '404',
          maxLength: 100,
          format: 'number-list',
        },
        rate: {
          type: 'integer',
          title: 'Requests per second',
          description: 'The most ffuf may send each second.',
          minimum: 1,
          maximum: 1000,
          default: 100,
        },
      },
    },
  }),
];

const TOOLS_BY_ID = new Map(TOOL_REGISTRY.map((tool) => [tool.id, tool]));

/** The registered tool with this id, or undefined for an id no registry entry has (a stale run, a typo). */
export const findTool = (toolId: string): RegisteredTool | undefined => TOOLS_BY_ID.get(toolId);
