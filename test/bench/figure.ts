/** One measured figure of `npm run bench`, as written to the JSON report. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The target in words a reader can check, e.g. ">= 5000". */
  target: string;
  met: boolean;
}

export interface BenchOptions {
  /** A reduced run, for `npm run bench -- --quick`. */
  quick: boolean;
}

/** A benchmark module: measures and returns its figures; prints nothing itself. */
export interface Bench {
  title: string;
  run(options: BenchOptions): Promise<Figure[]>;
}

export function atLeast(name: string, value: number, unit: string, floor: number): Figure {
  return { name, value, unit, target: `>= ${floor}`, met: value >= floor };
}

export function atMost(name: string, value: number, unit: string, ceiling: number): Figure {
  return { name, value, unit, target: `<= ${ceiling}`, met: value <= ceiling };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
