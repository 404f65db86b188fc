// The record of full benchmark runs over time (issue 16): one JSON line per run in
// `test/bench/history.jsonl`, committed, with its figures, the commit and the machine; and the
// change of every ratio figure against the last recorded run. Ratios are compared, not times:
// absolute figures move with the machine, a ratio measured against a floor in the same run
// should not. Pure: reading and writing the file is run.ts's.
import type { Figure } from './figure';

export interface MachineSummary {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
}

export interface HistoryEntry {
  /** ISO 8601, when the run finished. */
  at: string;
  commit: string;
  machine: MachineSummary;
  figures: Figure[];
}

export interface RatioChange {
  name: string;
  before: number | null;
  now: number;
  /** now / before - 1, or null when the last run had no such figure. */
  change: number | null;
}

const ratioUnit = 'x';

export function historyLine(entry: HistoryEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

/**
 * Every entry of a history file, oldest first. A line that is not an entry is an error naming
 * its line number: the file is committed, so a bad merge should be seen, not skipped.
 */
export function readHistory(text: string): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`benchmark history line ${index + 1} is not JSON`);
    }
    if (!isEntry(value)) throw new Error(`benchmark history line ${index + 1} is not a run (at, commit, machine, figures)`);
    entries.push(value);
  });
  return entries;
}

function isEntry(value: unknown): value is HistoryEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<HistoryEntry>;
  return typeof entry.at === 'string' && typeof entry.commit === 'string' && typeof entry.machine === 'object'
    && entry.machine !== null && Array.isArray(entry.figures)
    && entry.figures.every((f: Partial<Figure>) => typeof f.name === 'string' && typeof f.value === 'number' && typeof f.unit === 'string');
}

/** Every ratio figure of this run, against the same figure of `last` (null when there is none). */
export function ratioChanges(now: readonly Figure[], last: HistoryEntry | null): RatioChange[] {
  return now.filter((figure) => figure.unit === ratioUnit).map((figure) => {
    const before = last?.figures.find((old) => old.name === figure.name && old.unit === ratioUnit)?.value ?? null;
    return { name: figure.name, before, now: figure.value, change: before === null || before === 0 ? null : figure.value / before - 1 };
  });
}

/** The comparison as lines to print; says so when there is nothing to compare with. */
export function comparisonLines(changes: readonly RatioChange[], last: HistoryEntry | null): string[] {
  if (last === null) return ['no recorded run to compare with yet: the history is empty'];
  const lines = [`against the run of ${last.at} (commit ${last.commit.slice(0, 12)}, ${last.machine.cpu}):`];
  if (changes.length === 0) lines.push('  this run has no ratio figures');
  for (const change of changes) {
    const was = change.before === null ? 'not measured then' : `${change.before.toFixed(2)}x`;
    const delta = change.change === null ? '' : ` (${change.change >= 0 ? '+' : ''}${(change.change * 100).toFixed(1)}%)`;
    lines.push(`  ${change.name}: ${was} -> ${change.now.toFixed(2)}x${delta}`);
  }
  return lines;
}
