/** Job names of the worker-probes queue; the processor switches over them exhaustively. */
export const WorkerProbeJob = {
  run: 'run-probe',
  purge: 'purge-old-probes',
} as const;
export type WorkerProbeJobName = (typeof WorkerProbeJob)[keyof typeof WorkerProbeJob];

export interface RunProbePayload {
  probeId: string;
}

/** Probes are diagnostics: a day of history is plenty. */
export const PROBE_RETENTION_MS = 24 * 3600 * 1000;
