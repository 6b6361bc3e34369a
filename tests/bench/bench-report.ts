/**
 * One line of the report: the figure, the limit it was measured next to in the same run
 * (what the same work costs with nothing of Custodian's around it), their ratio, and the
 * target from issue 7 with whether it was met.
 */
export interface Figure {
  id: string;
  title: string;
  value: number;
  unit: string;
  limit: { what: string; value: number; unit: string } | null;
  /** How close to the limit: 1 means as fast as the limit (always ≤ 1 up to noise). */
  ratio: number | null;
  target: Target;
  /** The breakdown behind the figure: how it was measured and where the time goes. */
  details: Record<string, number | string>;
}

export interface Target {
  text: string;
  met: boolean;
  /** For a miss: by how much, in words and numbers. */
  missedBy: string | null;
  /** A figure reported with no target set yet (shown as –, never as met). */
  none?: boolean;
}

interface Bound {
  actual: number;
  bound: number;
  /** 'max': the figure must stay at or under the bound; 'min': at or over it. */
  kind: 'max' | 'min';
  unit: string;
}

/** Checks a figure against its bounds (all must hold) and says by how much any is missed. */
export function target(text: string, bounds: Bound[]): Target {
  const misses = bounds
    .filter((b) => (b.kind === 'max' ? b.actual > b.bound : b.actual < b.bound))
    .map((b) => {
      const off = b.kind === 'max' ? (b.actual / b.bound - 1) * 100 : (1 - b.actual / b.bound) * 100;
      return `${round(b.actual, 2)} ${b.unit} against ${b.kind === 'max' ? '≤' : '≥'} ${b.bound} ${b.unit}: ${Math.round(off)}% ${b.kind === 'max' ? 'over' : 'under'}`;
    });
  return { text, met: misses.length === 0, missedBy: misses.length === 0 ? null : misses.join('; ') };
}

export interface BenchReport {
  generatedAt: string;
  machine: Record<string, string | number>;
  dataset: Record<string, number | string>;
  figures: Figure[];
  totalSeconds: number;
}

export const round = (n: number, digits = 2): number => Number(n.toFixed(digits));

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

/** Milliseconds a synchronous or asynchronous piece of work takes. */
export async function timed<T>(work: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}
