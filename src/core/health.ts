/** Judging an app's health from probe samples: pure, so the policy and tests share it. */

export type Health = 'healthy' | 'slow' | 'down' | 'skipped';

export interface Sample {
  ok: boolean;
  /** elapsed time of the request, ms, measured on a monotonic clock */
  ms: number;
  /** HTTP status, or what went wrong (a connection error's code, too many redirects…) */
  outcome: string;
  /** an HTTP answer came back, whatever its status */
  answered: boolean;
}

interface HealthThresholds {
  slowMs: number;
  fastMs: number;
}

export interface ProbeReport {
  health: Exclude<Health, 'skipped'>;
  /** median latency of the successful samples; null when none succeeded */
  medianMs: number | null;
  failed: number;
  samples: Sample[];
  /** healthy enough to scale in: no failed sample and median below fast-ms */
  fast: boolean;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The nearest-rank percentile of values (at least one): a value that was seen, never a blend. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export function assessHealth(samples: Sample[], thresholds: HealthThresholds): ProbeReport {
  const failed = samples.filter((s) => !s.ok).length;
  const medianMs = median(samples.filter((s) => s.ok).map((s) => s.ms));
  let health: ProbeReport['health'] = 'healthy';
  if (failed * 2 > samples.length || medianMs === null) health = 'down';
  else if (medianMs > thresholds.slowMs) health = 'slow';
  const fast = failed === 0 && medianMs !== null && medianMs < thresholds.fastMs;
  return { health, medianMs, failed, samples, fast };
}
