// A sandbox account stored before the managed settings hid the sandbox: at the next start it
// is not connected, its embedded sandbox is not started again, and the window says why.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchAppProcess } from '../desktop/app-process/parent';
import type { AppProcess } from '../desktop/app-process/parent';
import { launchDesktopChromium } from '../harness/chromium';
import '../support/provided-context';

const settled = { timeout: 15_000 };
let browser: Browser;
const launched: AppProcess[] = [];
let policyDir: string;

beforeAll(async () => {
  browser = await launchDesktopChromium();
  // Root's, 0700, in the sticky /tmp: a place only an administrator could have written.
  policyDir = await mkdtemp(join(tmpdir(), 'tigerdesk-managed-'));
});

afterAll(async () => {
  for (const app of launched.reverse()) await app.dispose();
  await browser?.close();
  await rm(policyDir, { recursive: true, force: true });
});

describe('a stored sandbox account once the managed settings hide the sandbox', () => {
  it('is not connected, its sandbox is not restarted, and the window says why', async () => {
    const first = await launchAppProcess(browser, { distDir: inject('builtAppDir') });
    launched.push(first);
    const page = await first.page();
    await page.getByRole('button', { name: 'Try the local sandbox' }).click();
    await page.locator('.banner[role="status"]').filter({ hasText: /^Connected/ }).waitFor();
    expect((await first.state()).utilityPids).toHaveLength(1);
    await first.act({ kind: 'pick-tray-item', label: 'Quit TigerDesk' });
    expect(await first.exitCode).toBe(0);

    const managedPolicyFile = join(policyDir, 'managed-settings.json');
    await writeFile(managedPolicyFile, JSON.stringify({ offerSandbox: false }));
    await chmod(managedPolicyFile, 0o644);
    const again = await launchAppProcess(browser, { distDir: inject('builtAppDir'), root: first.root, keychainService: first.keychainService, managedPolicyFile });
    launched.push(again);
    expect(await again.started).toEqual({ kind: 'started' });
    const shown = await again.page();
    await shown.getByText(/no longer offer the local sandbox/).first().waitFor(settled);
    expect((await again.state()).utilityPids).toEqual([]);
    expect(await shown.getByRole('button', { name: 'Try the local sandbox' }).count()).toBe(0);
    // Two starts of the whole app and a sandbox sign-in: about 30 s on two busy cores.
  }, 120_000);
});
