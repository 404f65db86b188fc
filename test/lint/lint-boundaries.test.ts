import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('the lint boundaries of the house', () => {
  it('refuses electron imported under main/core', async () => {
    expect(await ruleIdsFor('main/core/store/leak.ts', "import { app } from 'electron';\nexport const a = app;\n")).toContain(
      'no-restricted-imports',
    );
  });

  it('refuses electron imported under the sandbox and the renderer', async () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    expect(await ruleIdsFor('sandbox/leak.ts', code)).toContain('no-restricted-imports');
    expect(await ruleIdsFor('renderer/src/leak.ts', code)).toContain('no-restricted-imports');
  });

  it('refuses main/core importing from main/shell', async () => {
    const code = "import { createMainWindow } from '../shell/main-window';\nexport const c = createMainWindow;\n";
    expect(await ruleIdsFor('main/core/session/leak.ts', code)).toContain('no-restricted-imports');
  });

  it('refuses electron and main/shell imported under main/window-api', async () => {
    expect(await ruleIdsFor('main/window-api/leak.ts', "import { dialog } from 'electron';\nexport const d = dialog;\n")).toContain('no-restricted-imports');
    const code = "import { showWindow } from '../shell/main-window';\nexport const s = showWindow;\n";
    expect(await ruleIdsFor('main/window-api/leak.ts', code)).toContain('no-restricted-imports');
  });

  it('refuses the sandbox importing from main', async () => {
    const code = "import { x } from '../main/core/api';\nexport const y = x;\n";
    expect(await ruleIdsFor('sandbox/leak.ts', code)).toContain('no-restricted-imports');
  });

  it('allows electron in main/shell and preload', async () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    expect(await ruleIdsFor('main/shell/tray.ts', code)).toEqual([]);
    expect(await ruleIdsFor('preload/index.ts', code)).toEqual([]);
  });

  it('keeps in main/shell only files that touch Electron', async () => {
    const files = (await readdir('main/shell')).filter((name) => name.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    const electronFree: string[] = [];
    for (const name of files) {
      const source = await readFile(join('main/shell', name), 'utf8');
      // platform.ts is Electron's API as the app takes it.
      if (!/from '(electron|electron-updater|\.\/platform)';/.test(source)) electronFree.push(name);
    }
    expect(electronFree).toEqual([]);
  });
});
