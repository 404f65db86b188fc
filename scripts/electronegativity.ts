// `npm run security:electron`: Electronegativity over the app's sources (main, preload, renderer,
// package.json), and a failure for any finding that security/electronegativity-review.json does
// not explain. Built bundles are left out: minified code only repeats the sources' findings.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface Finding {
  issue: string;
  severity: string;
  file: string;
  location: string;
}
interface Explanation {
  issue: string;
  /** A file the explanation is limited to; absent for global checks. */
  file?: string;
  why: string;
}

const electronVersion = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> })
  .devDependencies['electron'];
const review = JSON.parse(fs.readFileSync('security/electronegativity-review.json', 'utf8')) as Explanation[];

const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'tigerdesk-electronegativity-'));
try {
  for (const entry of ['main', 'preload', 'renderer', 'package.json']) {
    fs.cpSync(entry, path.join(stage, entry), { recursive: true });
  }
  const csv = path.join(stage, 'findings.csv');
  const run = spawnSync(
    'npx',
    [
      'electronegativity',
      '--input', stage,
      '--electron-version', String(electronVersion),
      '--relative',
      '--verbose', 'false',
      // It fetches Electron's release list from the internet, which CI cannot reach.
      '--exclude-checks', 'availablesecurityfixesglobalcheck',
      '--output', csv,
    ],
    { encoding: 'utf8' },
  );
  if (run.status !== 0 || !fs.existsSync(csv)) {
    console.error(`electronegativity did not run: ${run.stderr || run.stdout}`);
    process.exit(1);
  }
  const findings = parseFindings(fs.readFileSync(csv, 'utf8')).filter((f) => f.severity !== 'INFORMATIONAL');
  const unexplained = findings.filter((f) => !review.some((e) => e.issue === f.issue && (e.file === undefined || e.file === f.file)));
  for (const f of findings) {
    const explanation = review.find((e) => e.issue === f.issue && (e.file === undefined || e.file === f.file));
    console.log(`${f.issue} ${f.severity} ${f.file}:${f.location}\n  ${explanation ? `explained: ${explanation.why}` : 'NOT EXPLAINED'}`);
  }
  const stale = review.filter((e) => !findings.some((f) => f.issue === e.issue && (e.file === undefined || e.file === f.file)));
  for (const e of stale) console.log(`no longer found, remove its explanation: ${e.issue}${e.file ? ` ${e.file}` : ''}`);
  console.log(`electronegativity: ${findings.length} findings, ${unexplained.length} unexplained, ${stale.length} stale explanations`);
  process.exitCode = unexplained.length === 0 && stale.length === 0 ? 0 : 1;
} finally {
  fs.rmSync(stage, { recursive: true, force: true });
}

function parseFindings(csv: string): Finding[] {
  return csv
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cells = [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, '').trim());
      return { issue: cells[0]!, severity: cells[1]!, file: cells[3]!, location: cells[4]! };
    });
}
