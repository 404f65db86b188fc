// The app's own origin in real Chromium: the page comes from tigerdesk://app/ through the app's
// own handler (main/shell/renderer-protocol.ts) over a copy of the renderer as built for this
// run, in a desktop stand-in window with the built preload; only that page's main frame may
// call, nothing outside the renderer folder is served, and a script the build did not list by
// hash, or a bundle changed after the build, does not run.
import { appendFile, cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { callChannel } from '../../preload/contract';
import { settingsView } from '../support/view-builders';
import { appPageUrl, registerAppScheme } from '../../main/shell/app-origin';
import { registerCalls } from '../../main/shell/ipc-calls';
import { serveRenderer } from '../../main/shell/renderer-protocol';
import { chromiumSurfaces, pageOf } from '../desktop/chromium-surface';
import { createDesktop } from '../desktop/desktop';
import type { Desktop } from '../desktop/desktop';
import { packArgs } from '../desktop/ipc-wire';
import { electronInPageScript } from '../desktop/page-scripts';
import type { StandInWindow } from '../desktop/stand-in-window';
import { launchDesktopChromium } from '../harness/chromium';
import '../support/provided-context';

const settings = settingsView();

let browser: Browser;
let work: string;
const opened: Desktop[] = [];

beforeAll(async () => {
  browser = await launchDesktopChromium();
  work = await mkdtemp(join(tmpdir(), 'tigerdesk-app-origin-'));
});

afterAll(async () => {
  for (const desktop of opened) await Promise.all(desktop.windows.map((window) => window.destroy()));
  await browser?.close();
  await rm(work, { recursive: true, force: true });
});

let copies = 0;
/** A copy of the renderer as built, for a test to change; beside it, a file that is not the renderer's. */
async function rendererCopy(): Promise<string> {
  const folder = join(work, `copy-${(copies += 1)}`);
  await cp(join(inject('builtAppDir'), 'renderer'), join(folder, 'renderer'), { recursive: true });
  await writeFile(join(folder, 'outside.js'), 'window.outsideRan = true;');
  return join(folder, 'renderer');
}

async function bundleOf(rendererDir: string): Promise<string> {
  const script = (await readdir(join(rendererDir, 'assets'))).find((name) => name.endsWith('.js'));
  if (script === undefined) throw new Error('The built renderer has no script');
  return join(rendererDir, 'assets', script);
}

/** The app's page as the app loads it: scheme registered before ready, handled after, the signed-out handlers behind it. */
async function openAppPage(rendererDir: string, beforeLoad: () => Promise<void> = async () => {}): Promise<{ desktop: Desktop; window: StandInWindow; page: Page }> {
  const desktop = await createDesktop({ openSurface: chromiumSurfaces(browser, await electronInPageScript()), root: await mkdtemp(join(work, 'desktop-')) });
  opened.push(desktop);
  registerAppScheme(desktop.platform.protocol);
  await desktop.platform.app.whenReady();
  await serveRenderer(desktop.platform.protocol, rendererDir);
  await beforeLoad();
  const window = new desktop.platform.BrowserWindow({ webPreferences: { preload: join(inject('builtAppDir'), 'preload', 'index.cjs') } });
  registerCalls(
    desktop.platform.ipcMain,
    {
      appInfo: () => ({ name: 'TigerDesk', version: 'origin-test', platform: process.platform }),
      sessionState: () => ({ kind: 'signed-out' }),
      accounts: () => [],
      getSettings: () => settings,
    },
    { warn: () => {} },
    { contents: window.webContents, url: appPageUrl },
  );
  await window.loadURL(appPageUrl);
  const page = await pageOf(window);
  page.setDefaultTimeout(15_000);
  return { desktop, window, page };
}

/** Whether the app's bundle ran: it renders the sign-in form. */
async function appRan(page: Page): Promise<boolean> {
  await page.waitForLoadState('load');
  return page.evaluate(() => (document.querySelector('#app')?.childElementCount ?? 0) > 0);
}

/** A raw call on the stand-in's transport from a frame, as a script there could make it; the handler's reply. */
const rawCall = `globalThis.__tigerDesktopInvoke(${JSON.stringify(callChannel('appInfo'))}, ${JSON.stringify(packArgs([]))}).then((reply) => JSON.parse(reply))`;

describe("the app's page at its own origin", () => {
  it('comes from tigerdesk://app/index.html through the app handler, its policy sent as a header too', async () => {
    const { window, page } = await openAppPage(await rendererCopy());
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(window.url).toBe('tigerdesk://app/index.html');
    // Chromium's stand-in origin for the scheme (test/desktop/README.md): the only difference from Electron.
    expect(page.url()).toBe('https://app.tigerdesk.scheme.invalid/index.html');
    const response = await page.reload();
    const header = response?.headers()['content-security-policy'] ?? '';
    const meta = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
    expect(header).toBe(meta.replace(/\s+/g, ' ').trim());
    expect(header).toMatch(/script-src 'sha384-[^']+';/);
    expect(header).toContain("connect-src 'none'");
    expect(response?.headers()['x-content-type-options']).toBe('nosniff');
    // connect-src 'none': the page itself can fetch nothing, not even from its own origin.
    expect(await page.evaluate(() => fetch('/index.html').then(() => 'fetched', () => 'refused'))).toBe('refused');
  });

  it('answers only its own main frame: a frame inside it and a page at another origin are refused', async () => {
    const { desktop, page } = await openAppPage(await rendererCopy());
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(rawCall)).toEqual({ ok: true, value: { ok: true, value: { name: 'TigerDesk', version: 'origin-test', platform: process.platform } } });
    const refused = { ok: true, value: { ok: false, error: { code: 'invalid-call', text: { key: 'error.outside-window' } } } };

    await page.evaluate("document.body.append(Object.assign(document.createElement('iframe'), { srcdoc: '<p>inside</p>' }))");
    await expect.poll(() => page.frames().length).toBe(2);
    expect(await page.frames()[1]!.evaluate(rawCall)).toEqual(refused);

    const elsewhere = join(work, 'elsewhere.html');
    await writeFile(elsewhere, '<!doctype html><title>elsewhere</title>');
    const other = new desktop.platform.BrowserWindow({ webPreferences: { preload: join(inject('builtAppDir'), 'preload', 'index.cjs') } });
    await other.loadFile(elsewhere);
    expect(await (await pageOf(other)).evaluate(rawCall)).toEqual(refused);
  });

  it('serves nothing outside the renderer folder, however the path is written', async () => {
    const rendererDir = await rendererCopy();
    await symlink(join(rendererDir, '..', 'outside.js'), join(rendererDir, 'assets', 'linked.js'));
    const { page } = await openAppPage(rendererDir);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const base = 'https://app.tigerdesk.scheme.invalid';
    for (const path of ['/..%2Foutside.js', '/assets%2F..%2F..%2Foutside.js', '/..%5Coutside.js', '/assets/%2e%2e/%2e%2e/outside.js', '/assets/linked.js', '/assets', '/assets/missing.js']) {
      const response = await page.goto(`${base}${path}`);
      expect(response?.status(), path).toBe(404);
      expect(await page.evaluate(() => document.body.textContent), path).toBe('Not found');
    }
  });

  it('does not run its bundle once it is changed after the build', async () => {
    const rendererDir = await rendererCopy();
    await appendFile(await bundleOf(rendererDir), '\nwindow.tampered = true;\n');
    const { page } = await openAppPage(rendererDir);
    expect(await appRan(page)).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { tampered?: boolean }).tampered)).toBeUndefined();
  });

  it('does not run a script the build did not list, while its own still runs', async () => {
    const rendererDir = await rendererCopy();
    await writeFile(join(rendererDir, 'assets', 'extra.js'), 'window.extraRan = true;');
    const index = join(rendererDir, 'index.html');
    await writeFile(index, (await readFile(index, 'utf8')).replace('</head>', '<script src="./assets/extra.js"></script></head>'));
    const { page } = await openAppPage(rendererDir);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { extraRan?: boolean }).extraRan)).toBeUndefined();
  });

  it('keeps its policy by the header alone: a page stripped of its meta tag still runs only listed scripts', async () => {
    const rendererDir = await rendererCopy();
    const index = join(rendererDir, 'index.html');
    const { page } = await openAppPage(rendererDir, async () => {
      // After the handler read the policy: the page it serves has no meta tag left.
      const html = await readFile(index, 'utf8');
      const stripped = html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/, '').replace('</head>', '<script src="./assets/extra.js"></script></head>');
      await writeFile(join(rendererDir, 'assets', 'extra.js'), 'window.extraRan = true;');
      await writeFile(index, stripped);
    });
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]'))).toBeNull();
    expect(await page.evaluate(() => (window as unknown as { extraRan?: boolean }).extraRan)).toBeUndefined();
  });
});
