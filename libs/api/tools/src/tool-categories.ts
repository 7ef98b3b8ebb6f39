/**
 * The catalog's categories. The tools issue adds the tool definitions that fill them; the web app reads
 * both through the API and never hard-codes them. `icon` is a Material Symbols name.
 */
export interface ToolCategory {
  id: string;
  name: string;
  summary: string;
  icon: string;
}

export const TOOL_CATEGORIES: readonly ToolCategory[] = [
  {
    id: 'network',
    name: 'Network scanning',
    summary: 'TCP port scans with banners and service guesses, and nmap when it is installed.',
    icon: 'lan',
  },
  {
    id: 'web',
    name: 'Web probing',
    summary: 'HTTP probes with redirect chains, titles and technology fingerprints.',
    icon: 'travel_explore',
  },
  {
    id: 'tls',
    name: 'TLS & certificates',
    summary: 'Protocols, ciphers, certificate chains, expiry and hostname checks.',
    icon: 'encrypted',
  },
  {
    id: 'headers',
    name: 'Security headers',
    summary: 'HSTS, CSP, framing, cookie flags and CORS policies, graded with findings.',
    icon: 'shield',
  },
  {
    id: 'dns',
    name: 'DNS & subdomains',
    summary: 'Every record type, and wordlist subdomain discovery with wildcard detection.',
    icon: 'dns',
  },
  {
    id: 'content',
    name: 'Content discovery',
    summary: 'Path and file discovery by wordlist, with status, size and word filters, and ffuf.',
    icon: 'folder_open',
  },
];
