import type { FieldError } from '@huntkit/api/core';
import { parseResolver } from '../runners/resolver-address';
import type { PinnedTarget } from '../runners/runner';
import { bareHost, checkTarget, deniedReason } from './target-policy';

/**
 * Where a config points. By convention a tool's schema names its target `url` (web tools), `target`
 * (a host) or `domain` (DNS tools, which only ask a resolver), and DNS tools may name a `resolver`.
 */
export interface RunTargetSpec {
  /** What the run history shows and compares runs by. */
  display: string;
  /** The config field and host a tool connects to; null for DNS tools. */
  connect: { field: string; host: string } | null;
  resolver: { field: string; text: string } | null;
}

export function runTargetOf(config: Record<string, unknown>): RunTargetSpec {
  const text = (field: string) => (typeof config[field] === 'string' ? (config[field] as string) : '');
  const url = text('url');
  const connect = url
    ? { field: 'url', host: bareHost(new URL(url).hostname) }
    : text('target')
      ? { field: 'target', host: bareHost(text('target')) }
      : null;
  return {
    display: url || text('target') || text('domain'),
    connect,
    resolver: text('resolver') ? { field: 'resolver', text: text('resolver') } : null,
  };
}

export type ResolvedRunTarget =
  | { ok: true; target: PinnedTarget | null; resolver: { address: string; port: number } | null }
  | { ok: false; error: FieldError };

const fieldError = (field: string, detail: string): FieldError => ({
  field: `config.${field}`,
  pointer: `/config/${field}`,
  detail,
});

/**
 * Applies the target policy to a validated config: resolves the host, refuses denied addresses (unless
 * the deployment allows them) and returns the one address to connect to. The API checks at launch for
 * a quick answer; the worker checks again and connects to what it checked.
 */
export async function resolveRunTarget(
  config: Record<string, unknown>,
  allowPrivate: boolean,
): Promise<ResolvedRunTarget> {
  const spec = runTargetOf(config);
  let target: PinnedTarget | null = null;
  if (spec.connect) {
    if (spec.connect.host.includes('FUZZ'))
      return {
        ok: false,
        error: fieldError(spec.connect.field, 'Put FUZZ in the path or query, not in the host.'),
      };
    const checked = await checkTarget(spec.connect.host, allowPrivate);
    if (!checked.ok) return { ok: false, error: fieldError(spec.connect.field, checked.reason) };
    target = { host: spec.connect.host, address: checked.address };
  }
  let resolver: { address: string; port: number } | null = null;
  if (spec.resolver) {
    const parsed = parseResolver(spec.resolver.text);
    if ('error' in parsed) return { ok: false, error: fieldError(spec.resolver.field, parsed.error) };
    const denied = allowPrivate ? null : deniedReason(parsed.address);
    if (denied)
      return {
        ok: false,
        error: fieldError(
          spec.resolver.field,
          `${parsed.address} is a ${denied} address, which tools may not reach.`,
        ),
      };
    resolver = parsed;
  }
  return { ok: true, target, resolver };
}
