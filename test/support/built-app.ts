// Vitest's global setup: the app built once per run, as `npm run build` builds it, into a
// folder of the run's own inside the project (the bundles load node_modules from beside it).
// The end-to-end tests run startApp over these bundles through the desktop stand-in.
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildApp } from '../../scripts/app-build';
import './provided-context';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const outdir = resolve('.test-dist', String(process.pid));
  await buildApp(outdir, { quiet: true });
  project.provide('builtAppDir', outdir);
  return () => rm(outdir, { recursive: true, force: true });
}
