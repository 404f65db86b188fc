// The benchmark history's reading, recording and comparison (test/bench/bench-history.ts); the
// benchmarks themselves run in `npm run bench`, not here.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { comparisonLines, historyLine, ratioChanges, readHistory } from '../bench/bench-history';
import type { HistoryEntry } from '../bench/bench-history';
import type { Figure } from '../bench/figure';

const machine = { cpu: 'Test CPU', cores: 2, memoryGb: 24, os: 'Linux 6', node: 'v20.20.2' };
const figure = (name: string, value: number, unit: string): Figure => ({ name, value, unit, target: 'reported', met: true });
const run = (at: string, figures: Figure[]): HistoryEntry => ({ at, commit: 'a'.repeat(40), machine, figures });

describe('the benchmark history', () => {
  it('reads back the runs it recorded, oldest first, skipping blank lines', () => {
    const first = run('2026-12-06T10:00:00.000Z', [figure('ingest over its floor', 2.31, 'x')]);
    const second = run('2026-12-07T10:00:00.000Z', [figure('ingest over its floor', 1.9, 'x')]);
    expect(readHistory(`${historyLine(first)}\n${historyLine(second)}`)).toEqual([first, second]);
    expect(readHistory('')).toEqual([]);
  });

  it('refuses a line that is not a run, naming the line', () => {
    const good = historyLine(run('2026-12-06T10:00:00.000Z', []));
    expect(() => readHistory(`${good}<<<<<<< HEAD\n`)).toThrow('benchmark history line 2 is not JSON');
    expect(() => readHistory(`${good}{"at":"x","commit":"y"}\n`)).toThrow('benchmark history line 2 is not a run');
  });

  it('compares only ratio figures, by name, with the change in per cent', () => {
    const last = run('2026-12-06T10:00:00.000Z', [figure('ingest over its floor', 2.0, 'x'), figure('ingest', 9000, 'events/s')]);
    const now = [figure('ingest over its floor', 1.8, 'x'), figure('ingest', 12000, 'events/s'), figure('burst over its floor', 2.5, 'x')];
    const changes = ratioChanges(now, last);
    expect(changes).toEqual([
      { name: 'ingest over its floor', before: 2.0, now: 1.8, change: expect.closeTo(-0.1, 10) },
      { name: 'burst over its floor', before: null, now: 2.5, change: null },
    ]);
    expect(comparisonLines(changes, last)).toEqual([
      'against the run of 2026-12-06T10:00:00.000Z (commit aaaaaaaaaaaa, Test CPU):',
      '  ingest over its floor: 2.00x -> 1.80x (-10.0%)',
      '  burst over its floor: not measured then -> 2.50x',
    ]);
  });

  it('says when there is no run to compare with', () => {
    expect(comparisonLines(ratioChanges([figure('ingest over its floor', 2, 'x')], null), null))
      .toEqual(['no recorded run to compare with yet: the history is empty']);
  });

  it('holds, as committed, only runs it can read, each with its commit and machine', async () => {
    const entries = readHistory(await readFile('test/bench/history.jsonl', 'utf8'));
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(entry.commit).toMatch(/^[0-9a-f]{40}(\+changes)?$/);
      expect(entry.machine.cores).toBeGreaterThan(0);
      expect(entry.figures.some((f) => f.unit === 'x')).toBe(true);
    }
  });
});
