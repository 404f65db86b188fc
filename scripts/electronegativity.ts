// `npm run security:electron`: Electronegativity over the app's sources (main, preload, renderer,
// package.json), and a failure for any finding that security/electronegativity-review.json does
// not explain. Built bundles are left out: minified code only repeats the sources' findings.
// The report is read as SARIF: electronegativity writes its CSV header and body with two
// concurrent asynchronous writes, and on a fast machine the header lands over the first finding.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface Finding {
  issue: string;
  /** SARIF's level: `warning`, or `note` for a finding that asks for a manual review. */
  level: string;
  file: string;
  location: string;
}
interface SarifReport {
  runs: {
    results: {
      ruleId: string;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
    }[];
  }[];
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
  const sarif = path.join(stage, 'findings.sarif');
  const run = spawnSync(
    'npx',
    [
      'electronegativity',
      '--input', stage,
      '--electron-version', String(electronVersion),
      '--relative',
      '--verbose', 'false',
      // The first fetches Electron's release list from the internet, which CI cannot reach; the
      // second only reports which Electron version package.json names.
      '--exclude-checks', 'availablesecurityfixesglobalcheck,electronversionjsoncheck',
      '--output', sarif,
    ],
    { encoding: 'utf8' },
  );
  if (run.status !== 0 || !fs.existsSync(sarif)) {
    console.error(`electronegativity did not run: ${run.stderr || run.stdout}`);
    process.exit(1);
  }
  const findings = readFindings(fs.readFileSync(sarif, 'utf8'));
  const unexplained = findings.filter((f) => !review.some((e) => e.issue === f.issue && (e.file === undefined || e.file === f.file)));
  for (const f of findings) {
    const explanation = review.find((e) => e.issue === f.issue && (e.file === undefined || e.file === f.file));
    console.log(`${f.issue} ${f.level} ${f.file}:${f.location}\n  ${explanation ? `explained: ${explanation.why}` : 'NOT EXPLAINED'}`);
  }
  const stale = review.filter((e) => !findings.some((f) => f.issue === e.issue && (e.file === undefined || e.file === f.file)));
  for (const e of stale) console.log(`no longer found, remove its explanation: ${e.issue}${e.file ? ` ${e.file}` : ''}`);
  console.log(`electronegativity: ${findings.length} findings, ${unexplained.length} unexplained, ${stale.length} stale explanations`);
  process.exitCode = unexplained.length === 0 && stale.length === 0 ? 0 : 1;
} finally {
  fs.rmSync(stage, { recursive: true, force: true });
}

function readFindings(text: string): Finding[] {
  const report = JSON.parse(text) as SarifReport;
  return report.runs.flatMap((run) =>
    run.results.map((result) => {
      const where = result.locations[0]?.physicalLocation;
      return {
        issue: result.ruleId,
        level: result.level,
        file: where?.artifactLocation.uri ?? '(global)',
        location: where ? `${where.region.startLine}:${where.region.startColumn}` : '-',
      };
    }),
  );
}
