import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useFixture } from './hooked-fixture';

function useFolder(prefix: string, scope: 'file' | 'test'): () => string {
  return useFixture(scope, () => mkdtemp(join(tmpdir(), prefix)), (folder) => rm(folder, { recursive: true, force: true }));
}

/**
 * Registers hooks that make a temporary folder (its name starting with `prefix`) before the
 * file's first test and remove it, with all in it, after the last. The returned function gives
 * its path.
 */
export function useTempFolder(prefix: string): () => string {
  return useFolder(prefix, 'file');
}

/** As useTempFolder, but a new, empty folder for each test, removed after it. */
export function useTempFolderPerTest(prefix: string): () => string {
  return useFolder(prefix, 'test');
}
