// `npm run bench [-- --quick] [-- --compare] [-- --out FILE]`: runs every benchmark, prints one
// table and writes the same figures as JSON; a full run is appended to the committed history
// (bench-history.ts), and --compare prints every ratio's change against the last recorded run.
import { execFileSync } from 'node:child_process';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { comparisonLines, historyLine, ratioChanges, readHistory } from './bench-history';
import type { HistoryEntry, MachineSummary } from './bench-history';
import type { Bench, Figure } from './figure';
import { benches } from './benches';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    compare: { type: 'boolean', default: false },
    out: { type: 'string', default: '.bench/results.json' },
    history: { type: 'string', default: 'test/bench/history.jsonl' },
  },
});

function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [f.name, formatValue(f.value), f.unit, f.target, f.met ? 'yes' : 'NO']);
  const header = ['figure', 'value', 'unit', 'target', 'met'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

async function runAll(list: readonly Bench[]): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const bench of list) {
    process.stderr.write(`running ${bench.title}${values.quick ? ' (quick)' : ''}...\n`);
    try {
      figures.push(...(await bench.run({ quick: values.quick })));
    } catch (error) {
      // One benchmark that fails (a check of its results, a step that timed out) is a figure
      // not met, with its reason; the others still run, so a long run is not lost to one.
      process.stderr.write(`${bench.title} failed: ${(error as Error).stack ?? String(error)}\n`);
      figures.push({ name: `${bench.title}: failed (${(error as Error).message.slice(0, 200)})`, value: 0, unit: 'run', target: 'completes', met: false });
    }
  }
  return figures;
}

/** The commit measured; `+changes` when the working tree differs from it. */
function measuredCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const changed = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
    return changed ? `${commit}+changes` : commit;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

function thisMachine(): MachineSummary {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

async function recordedRuns(file: string): Promise<HistoryEntry[]> {
  try {
    return readHistory(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

const historyFile = path.resolve(values.history);
// Read before the run, so that a history file that cannot be read stops it at once.
const history = await recordedRuns(historyFile);
const figures = await runAll(benches);
const out = path.resolve(values.out);
await mkdir(path.dirname(out), { recursive: true });
await writeFile(out, `${JSON.stringify(figures, null, 2)}\n`);
console.log(table(figures));
console.log(`\nfigures written to ${out}`);
if (values.compare) {
  const last = history.at(-1) ?? null;
  if (values.quick) console.log('\n(--quick: small loads, so ratios are higher than a full run\'s)');
  console.log(`\n${comparisonLines(ratioChanges(figures, last), last).join('\n')}`);
}
if (!values.quick) {
  await appendFile(historyFile, historyLine({ at: new Date().toISOString(), commit: measuredCommit(), machine: thisMachine(), figures }));
  console.log(`run recorded in ${historyFile}`);
}
process.exit(figures.every((f) => f.met) ? 0 : 1);
