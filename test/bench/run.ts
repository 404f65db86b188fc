// `npm run bench [-- --quick] [-- --out FILE]`: runs every benchmark, prints one table and
// writes the same figures as JSON.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Bench, Figure } from './figure';
import { benches } from './benches';

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, out: { type: 'string', default: '.bench/results.json' } },
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
    figures.push(...(await bench.run({ quick: values.quick })));
  }
  return figures;
}

const figures = await runAll(benches);
const out = path.resolve(values.out);
await mkdir(path.dirname(out), { recursive: true });
await writeFile(out, `${JSON.stringify(figures, null, 2)}\n`);
console.log(table(figures));
console.log(`\nfigures written to ${out}`);
process.exit(figures.every((f) => f.met) ? 0 : 1);
