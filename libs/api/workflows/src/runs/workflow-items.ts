import {
  type FilterSpec,
  type InputNode,
  type ItemKind,
  SEVERITY_ORDER,
  type SeverityLevel,
} from '@huntkit/shared/workflow';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/**
 * What flows along a workflow's edges: a result reduced to what a child needs, never the text output.
 * `value` is the thing itself (a host name, a URL); the rest is what filters and fan-out read.
 */
export interface WorkflowItem {
  kind: ItemKind;
  key: string;
  value: string;
  host?: string;
  port?: number;
  status?: number;
  severity?: SeverityLevel;
  addresses?: string[];
}

/** A tool run's stored result, as much of it as items need. */
export interface ResultRow {
  kind: ItemKind;
  key: string;
  severity: SeverityLevel;
  data: Record<string, unknown>;
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
const whole = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) ? value : undefined);

/** The host a run was pointed at: its target, or the host name of its URL. */
export function hostOfTarget(target: string): string {
  try {
    if (/^https?:\/\//i.test(target)) return new URL(target).hostname.replace(/^\[|\]$/g, '');
  } catch {
    // not a URL after all: the target is the host
  }
  return target;
}

const hostOfUrl = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return undefined;
  }
};

/** The items a finished tool run gives its children, in the order the tool reported them. */
export function itemsFromResults(target: string, results: readonly ResultRow[]): WorkflowItem[] {
  const host = hostOfTarget(target);
  return results.map(({ kind, key, severity, data }): WorkflowItem => {
    const base = { kind, key, severity };
    switch (kind) {
      case 'host': {
        const name = text(data['name']) ?? text(data['address']) ?? key.replace(/^host:/, '');
        const addresses = Array.isArray(data['addresses'])
          ? data['addresses'].filter((address): address is string => typeof address === 'string')
          : text(data['address'])
            ? [data['address'] as string]
            : undefined;
        return { ...base, value: name, host: name, ...(addresses ? { addresses } : {}) };
      }
      case 'port':
      case 'service': {
        const port = whole(data['port']);
        return port === undefined
          ? { ...base, value: key }
          : { ...base, value: `${host}:${port}`, host, port };
      }
      case 'url':
      case 'path': {
        const url = text(data['url']) ?? key.replace(/^(url|path):/, '');
        const status = whole(data['status']);
        const urlHost = hostOfUrl(url);
        return { ...base, value: url, ...(urlHost ? { host: urlHost } : {}), ...(status ? { status } : {}) };
      }
      case 'certificate':
      case 'dns-record':
      case 'finding':
      case 'header':
        return { ...base, value: key };
    }
  });
}

export function inputItems(node: InputNode): WorkflowItem[] {
  return node.targets.map((target) =>
    node.kind === 'url'
      ? {
          kind: 'url',
          key: `url:${target}`,
          value: target,
          ...(hostOfUrl(target) ? { host: hostOfUrl(target) } : {}),
        }
      : { kind: 'host', key: `host:${target}`, value: target, host: target },
  );
}

const bracketed = (host: string) => (isIP(host) === 6 ? `[${host}]` : host);
const TLS_PORTS = new Set([443, 8443, 9443]);

/**
 * What one item puts in a tool's input field (`url`, `target`, `domain`), plus the extra settings it
 * brings: a host becomes http://host for web tools, a port becomes scheme://host:port, and a port
 * gives TLS inspection its port.
 */
export function launchInput(
  item: WorkflowItem,
  inputField: string,
  settings: Record<string, unknown>,
): { input: string; extra: Record<string, unknown> } {
  const host = item.host ?? item.value;
  if (inputField === 'url') {
    if (item.kind === 'url' || item.kind === 'path') return { input: item.value, extra: {} };
    if (item.port !== undefined)
      return {
        input: `${TLS_PORTS.has(item.port) ? 'https' : 'http'}://${bracketed(host)}:${item.port}`,
        extra: {},
      };
    return { input: `http://${bracketed(host)}`, extra: {} };
  }
  const extra = item.port !== undefined && 'port' in settings ? { port: item.port } : {};
  return { input: host, extra };
}

/** Whether a host name has an address now; IPs trivially do. A slow resolver counts as no. */
async function resolves(host: string): Promise<boolean> {
  if (isIP(host)) return true;
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), 3000).unref());
  const answer = lookup(host).then(
    () => true,
    () => false,
  );
  return Promise.race([answer, timeout]);
}

/** Applies a filter node to what it was fed, keeping the items' order. */
export async function applyFilter(
  filter: FilterSpec,
  items: readonly WorkflowItem[],
): Promise<WorkflowItem[]> {
  switch (filter.type) {
    case 'resolves': {
      const kept = await Promise.all(
        items.map(async (item) => (item.addresses?.length ? true : resolves(item.host ?? item.value))),
      );
      return items.filter((_, index) => kept[index]);
    }
    case 'status':
      return items.filter((item) => item.status !== undefined && filter.statuses.includes(item.status));
    case 'ports':
      return items.filter((item) => item.port !== undefined && filter.ports.includes(item.port));
    case 'severity': {
      const floor = SEVERITY_ORDER.indexOf(filter.atLeast);
      return items.filter((item) => SEVERITY_ORDER.indexOf(item.severity ?? 'info') >= floor);
    }
    case 'match': {
      const pattern = new RegExp(filter.pattern, 'i');
      return items.filter((item) => pattern.test(item.key));
    }
    case 'dedupe': {
      const seen = new Set<string>();
      return items.filter((item) => {
        const identity = `${item.kind}\u0000${item.value}`;
        if (seen.has(identity)) return false;
        seen.add(identity);
        return true;
      });
    }
    case 'first':
      return items.slice(0, filter.count);
  }
}
