// `npm start` and packaging rebuild the SQLite module for Electron's ABI; the tests run in
// Node. Before the tests, make sure the module in node_modules loads in this Node, and
// rebuild it for Node if it was last built for Electron.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const moduleName = 'better-sqlite3-multiple-ciphers';
const require = createRequire(import.meta.url);

function loadsInNode(): { ok: true } | { ok: false; reason: string } {
  try {
    const Database = require(moduleName) as new (file: string) => { close(): void };
    new Database(':memory:').close();
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

const first = loadsInNode();
if (!first.ok) {
  if (!/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(first.reason)) {
    console.error(`${moduleName} cannot load: ${first.reason}`);
    process.exit(1);
  }
  console.log(`${moduleName} was built for another ABI (Electron's?); rebuilding it for Node ${process.version}`);
  const rebuilt = spawnSync('npm', ['rebuild', moduleName], { stdio: 'inherit' });
  if (rebuilt.status !== 0) process.exit(rebuilt.status ?? 1);
}
