import { createHash } from 'node:crypto';
import type { RunResult, Severity } from '../runners/runner';
import { type RunResultCounts, SEVERITIES } from './entities/tool-run.entity';
import type { ResultChange } from './entities/tool-run-result.entity';

export interface NormalizedResult extends RunResult {
  fingerprint: string;
  change: ResultChange;
  position: number;
}

const RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

/** The same thing found by the same tool on the same target has the same fingerprint in every run. */
export function fingerprintOf(
  toolId: string,
  target: string,
  result: Pick<RunResult, 'kind' | 'key'>,
): string {
  return createHash('sha256')
    .update(`${toolId}\n${target.trim().toLowerCase()}\n${result.kind}\n${result.key}`)
    .digest('hex');
}

/**
 * Fingerprints a run's results, keeps one per fingerprint (the most severe wins), marks each as new or
 * unchanged against the previous run's results, and carries over what the previous run found and this
 * one did not as `gone`.
 */
export function normalizeResults(
  toolId: string,
  target: string,
  results: readonly RunResult[],
  previous: readonly (RunResult & { fingerprint: string })[] | null,
): NormalizedResult[] {
  const byFingerprint = new Map<string, NormalizedResult>();
  const before = new Set(previous?.map((result) => result.fingerprint));
  for (const result of results) {
    const fingerprint = fingerprintOf(toolId, target, result);
    const seen = byFingerprint.get(fingerprint);
    if (seen && RANK[seen.severity] >= RANK[result.severity]) continue;
    byFingerprint.set(fingerprint, {
      ...result,
      fingerprint,
      // The first run on a target has nothing to compare with: everything is new.
      change: before.has(fingerprint) ? 'unchanged' : 'new',
      position: seen?.position ?? byFingerprint.size,
    });
  }
  const found = [...byFingerprint.values()].sort((a, b) => a.position - b.position);
  const gone = (previous ?? [])
    .filter((result) => !byFingerprint.has(result.fingerprint))
    .map((result, index) => ({ ...result, change: 'gone' as const, position: found.length + index }));
  return [...found, ...gone];
}

export function countResults(results: readonly NormalizedResult[]): RunResultCounts {
  const present = results.filter((result) => result.change !== 'gone');
  const bySeverity = Object.fromEntries(
    SEVERITIES.map((severity) => [severity, 0]),
  ) as RunResultCounts['bySeverity'];
  for (const result of present) bySeverity[result.severity] += 1;
  return {
    total: present.length,
    bySeverity,
    new: present.filter((result) => result.change === 'new').length,
    gone: results.length - present.length,
  };
}
