import type { ResultKind } from '../definitions/tool-definition';

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

/**
 * Where a run may connect: the host the user named and the one address the target policy checked.
 * Runners connect to `address` only (never resolve `host` again), so a DNS answer cannot change
 * between the check and the connection.
 */
export interface PinnedTarget {
  /** The host name or IP address from the config (for URLs: the URL's host name, without brackets). */
  host: string;
  /** The checked IP address every connection goes to. */
  address: string;
}

/** One normalized result of a run: an asset (severity info) or a finding. */
export interface RunResult {
  kind: ResultKind;
  /**
   * What makes this result the same result in the next run of the tool on the same target, such as
   * `tcp/443` or `header:hsts-missing`. The fingerprint is derived from it (with tool and target).
   */
  key: string;
  title: string;
  severity: Severity;
  /** Structured detail shown in the results table and used by reports. Plain JSON. */
  data: Record<string, unknown>;
}

export interface RunContext<Config = Record<string, unknown>> {
  /** The config, validated against the tool's schema with defaults applied. */
  config: Config;
  /** The pinned target, when the tool connects to one (null for DNS tools, which ask a resolver). */
  target: PinnedTarget | null;
  /** The checked resolver of DNS tools (null: the system's resolvers). */
  resolver: { address: string; port: number } | null;
  /** Aborted on cancel and on timeout: stop promptly and return what was found so far. */
  signal: AbortSignal;
  /** Writes one line to the live terminal and the run's log (ANSI colours allowed, no newline). */
  print(line: string): void;
  /** This run's own folder for artifacts (raw program output and the like). */
  workDir: string;
}

/** A tool's runner: does the work, prints progress, and returns normalized results. */
export type ToolRunner<Config = Record<string, unknown>> = (
  context: RunContext<Config>,
) => Promise<RunResult[]>;
