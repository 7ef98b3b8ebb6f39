/** The value below which `share` (0 to 1) of an ascending list falls: the nearest-rank method. */
export const percentile = (sorted: readonly number[], share: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] as number;
