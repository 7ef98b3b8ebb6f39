import { corsCheckRunner } from './cors-check';
import { dnsRecordsRunner } from './dns-records';
import { ffufRunner } from './ffuf';
import { httpProbeRunner } from './http-probe';
import { nmapRunner } from './nmap';
import { pathDiscoveryRunner } from './path-discovery';
import { portScanRunner } from './port-scan';
import type { ToolRunner } from './runner';
import { securityHeadersRunner } from './security-headers';
import { subdomainDiscoveryRunner } from './subdomain-discovery';
import { tlsInspectRunner } from './tls-inspect';

/**
 * The runner of every tool definition, by tool id. Configs reach a runner only after validation
 * against the tool's schema (with defaults applied), so each runner may trust its config's shape.
 */
export const TOOL_RUNNERS: Readonly<Record<string, ToolRunner<never>>> = {
  'port-scan': portScanRunner,
  'http-probe': httpProbeRunner,
  'tls-inspect': tlsInspectRunner,
  'security-headers': securityHeadersRunner,
  'dns-records': dnsRecordsRunner,
  'subdomain-discovery': subdomainDiscoveryRunner,
  'path-discovery': pathDiscoveryRunner,
  'cors-check': corsCheckRunner,
  nmap: nmapRunner,
  ffuf: ffufRunner,
};
