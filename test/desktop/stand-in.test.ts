// The desktop stand-in refuses what Electron refuses, so that a value or a call the real app
// could not make fails in the tests too.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchDesktopChromium } from '../harness/chromium';
import { chromiumSurfaces, pageOf } from './chromium-surface';
import { createDesktop } from './desktop';
import type { Desktop } from './desktop';
import { electronInPageScript } from './page-scripts';
import { StandInIpcMain } from './stand-in-ipc';
import type { StandInWindow } from './stand-in-window';

let browser: Browser;
let root: string;

beforeAll(async () => {
  browser = await launchDesktopChromium();
  root = await mkdtemp(join(tmpdir(), 'tigerdesk-stand-in-'));
  // A page and a preload of the test's own: the preload exposes what the test needs to probe.
  await writeFile(join(root, 'index.html'), '<!doctype html><html><head><title>probe</title></head><body></body></html>');
  await writeFile(
    join(root, 'preload.cjs'),
    `const { contextBridge, ipcRenderer } = require('electron');
contextBridge.exposeInMainWorld('probe', {
  invoke: (channel, value) => ipcRenderer.invoke(channel, value),
  invokeWithFunction: (channel) => ipcRenderer.invoke(channel, () => 1),
  listen: (channel, listener) => { ipcRenderer.on(channel, (_event, ...args) => listener(...args)); },
  failing: () => Promise.reject(Object.assign(new Error('only this message'), { code: 'secret-detail' })),
  requireOther: () => { try { require('fs'); return 'loaded'; } catch (error) { return error.message; } },
});`,
  );
});

afterAll(async () => {
  await browser?.close();
  await rm(root, { recursive: true, force: true });
});

async function openWindow(): Promise<{ desktop: Desktop; window: StandInWindow; page: Page }> {
  const desktop = await createDesktop({ openSurface: chromiumSurfaces(browser, await electronInPageScript()), root: await mkdtemp(join(root, 'desktop-')) });
  await desktop.platform.app.whenReady();
  const window = new desktop.platform.BrowserWindow({ webPreferences: { preload: join(root, 'preload.cjs'), contextIsolation: true, sandbox: true } });
  await window.loadFile(join(root, 'index.html'));
  return { desktop, window, page: await pageOf(window) };
}

describe('the stand-in ipcMain', () => {
  it('refuses a second handler on one channel, as Electron does', () => {
    const ipcMain = new StandInIpcMain();
    ipcMain.handle('tiger:call:appInfo', () => 1);
    expect(() => ipcMain.handle('tiger:call:appInfo', () => 2)).toThrow("Attempted to register a second handler for 'tiger:call:appInfo'");
  });
});

describe('a stand-in window', () => {
  it('answers an invoke from the page with the handler main registered, the value copied', async () => {
    const { desktop, window, page } = await openWindow();
    desktop.platform.ipcMain.handle('echo', (_event, value: unknown) => ({ got: value, bytes: new Uint8Array([1, 2, 3]) }));
    const reply = await page.evaluate(() => (window as unknown as { probe: { invoke(c: string, v: unknown): Promise<unknown> } }).probe.invoke('echo', { n: 1 }));
    expect(reply).toEqual({ got: { n: 1 }, bytes: new Uint8Array([1, 2, 3]) });
    await window.destroy();
  });

  it('refuses a call on a channel nobody handles, with Electron\'s error', async () => {
    const { window, page } = await openWindow();
    const error = await page.evaluate(() =>
      (window as unknown as { probe: { invoke(c: string, v: unknown): Promise<unknown> } }).probe.invoke('nobody', 1).then(
        () => 'answered',
        (failure: Error) => failure.message,
      ),
    );
    expect(error).toBe("Error invoking remote method 'nobody': Error: No handler registered for 'nobody'");
    await window.destroy();
  });

  it('refuses an argument that cannot be cloned before it leaves the page', async () => {
    const { desktop, window, page } = await openWindow();
    let reached = false;
    desktop.platform.ipcMain.handle('fn', () => {
      reached = true;
    });
    const error = await page.evaluate(() =>
      (window as unknown as { probe: { invokeWithFunction(c: string): Promise<unknown> } }).probe.invokeWithFunction('fn').then(
        () => 'answered',
        (failure: Error) => failure.message,
      ),
    );
    expect(error).toBe('An object could not be cloned.');
    expect(reached).toBe(false);
    await window.destroy();
  });

  it('refuses a reply that cannot be cloned, and a handler\'s error reaches the page as Electron words it', async () => {
    const { desktop, window, page } = await openWindow();
    desktop.platform.ipcMain.handle('returns-fn', () => ({ callback: () => 1 }));
    desktop.platform.ipcMain.handle('throws', () => {
      throw new Error('the core said no');
    });
    const messages = await page.evaluate(async () => {
      const probe = (window as unknown as { probe: { invoke(c: string, v: unknown): Promise<unknown> } }).probe;
      const failure = (channel: string) => probe.invoke(channel, null).then(() => 'answered', (error: Error) => error.message);
      return [await failure('returns-fn'), await failure('throws')];
    });
    expect(messages).toEqual(["Error invoking remote method 'returns-fn': Error: An object could not be cloned.", "Error invoking remote method 'throws': Error: the core said no"]);
    await window.destroy();
  });

  it('refuses to send main a value it cannot serialize, and delivers the rest in order', async () => {
    const { window, page } = await openWindow();
    await page.evaluate(() => {
      const seen: unknown[] = [];
      (window as unknown as { seen: unknown[] }).seen = seen;
      (window as unknown as { probe: { listen(c: string, l: (v: unknown) => void): void } }).probe.listen('event', (value) => seen.push(value));
    });
    expect(() => window.webContents.send('event', { callback: () => 1 })).toThrow('Failed to serialize arguments');
    for (let index = 0; index < 50; index += 1) window.webContents.send('event', index);
    await window.webContents.delivered();
    // Delivered to the page; each message then runs as a task of its own, as in Electron.
    await expect.poll(() => page.evaluate(() => (window as unknown as { seen: unknown[] }).seen.length)).toBe(50);
    expect(await page.evaluate(() => (window as unknown as { seen: unknown[] }).seen)).toEqual(Array.from({ length: 50 }, (_, index) => index));
    await window.destroy();
  });

  it('keeps only the message of an error that crosses the context bridge', async () => {
    const { window, page } = await openWindow();
    const crossed = await page.evaluate(() =>
      (window as unknown as { probe: { failing(): Promise<unknown> } }).probe.failing().catch((error: Error & { code?: string }) => ({ message: error.message, code: error.code ?? null })),
    );
    expect(crossed).toEqual({ message: 'only this message', code: null });
    await window.destroy();
  });

  it('gives the sandboxed preload electron and nothing else to require', async () => {
    const { window, page } = await openWindow();
    expect(await page.evaluate(() => (window as unknown as { probe: { requireOther(): string } }).probe.requireOther())).toBe('module not found: fs');
    await window.destroy();
  });

  it('runs the preload in the main frame only, and tells main which frame a call came from', async () => {
    const { desktop, window, page } = await openWindow();
    const frames: { url: string; top: boolean }[] = [];
    desktop.platform.ipcMain.handle('who', (event) => {
      const frame = (event as unknown as { senderFrame: { url: string; parent: unknown } }).senderFrame;
      frames.push({ url: frame.url, top: frame.parent === null });
    });
    await page.evaluate(() => (window as unknown as { probe: { invoke(c: string, v: unknown): Promise<unknown> } }).probe.invoke('who', null));
    await page.evaluate("document.body.append(Object.assign(document.createElement('iframe'), { srcdoc: '<p>inside</p>' }))");
    await expect.poll(() => page.frames().length).toBe(2);
    const inner = page.frames()[1]!;
    await inner.waitForLoadState();
    expect(await inner.evaluate(() => 'probe' in globalThis)).toBe(false);
    await inner.evaluate(() => (globalThis as unknown as { __tigerDesktopInvoke(c: string, a: string): Promise<string> }).__tigerDesktopInvoke('who', '{"count":0,"values":{}}'));
    expect(frames).toEqual([
      { url: pathToFileURL(join(root, 'index.html')).href, top: true },
      { url: 'about:srcdoc', top: false },
    ]);
    await window.destroy();
  });

  it('refuses a preload given by a relative path, and a window before the app is ready', async () => {
    const desktop = await createDesktop({ openSurface: chromiumSurfaces(browser, await electronInPageScript()), root: await mkdtemp(join(root, 'desktop-')) });
    expect(() => new desktop.platform.BrowserWindow({})).toThrow('Cannot create BrowserWindow before app is ready');
    await desktop.platform.app.whenReady();
    expect(() => new desktop.platform.BrowserWindow({ webPreferences: { preload: 'preload.cjs' } })).toThrow('The preload script must be an absolute path: preload.cjs');
    expect(() => desktop.platform.app.enableSandbox()).toThrow('app.enableSandbox() can only be called before app is ready');
  });
});

describe('the stand-in protocol', () => {
  const probePage = '<!doctype html><html><head><title>from the handler</title></head><body><p id="said">handled</p></body></html>';

  async function readyDesktop(): Promise<Desktop> {
    const desktop = await createDesktop({ openSurface: chromiumSurfaces(browser, await electronInPageScript()), root: await mkdtemp(join(root, 'desktop-')) });
    desktop.platform.protocol.registerSchemesAsPrivileged([{ scheme: 'probe', privileges: { standard: true, secure: true } }]);
    await desktop.platform.app.whenReady();
    return desktop;
  }

  it('makes schemes privileged only before ready and handles them only after, each once, as Electron does', async () => {
    const desktop = await createDesktop({ openSurface: chromiumSurfaces(browser, await electronInPageScript()), root: await mkdtemp(join(root, 'desktop-')) });
    const { protocol } = desktop.platform;
    const answer = () => new Response('');
    expect(() => protocol.handle('probe', answer)).toThrow("The 'protocol' module can't be used before the app 'ready' event");
    protocol.registerSchemesAsPrivileged([{ scheme: 'probe', privileges: { standard: true, secure: true } }]);
    await desktop.platform.app.whenReady();
    expect(() => protocol.registerSchemesAsPrivileged([{ scheme: 'late', privileges: { standard: true } }])).toThrow(
      'protocol.registerSchemesAsPrivileged should be called before app is ready',
    );
    protocol.handle('probe', answer);
    expect(() => protocol.handle('probe', answer)).toThrow('Failed to register protocol: probe');
  });

  it('refuses to load a page of a scheme nobody handles, or one not privileged as standard and secure', async () => {
    const desktop = await readyDesktop();
    const window = new desktop.platform.BrowserWindow({});
    await expect(window.loadURL('nobody://app/index.html')).rejects.toThrow("ERR_UNKNOWN_URL_SCHEME (-302) loading 'nobody://app/index.html'");
    desktop.platform.protocol.handle('plain', () => new Response(probePage, { headers: { 'content-type': 'text/html' } }));
    await expect(window.loadURL('plain://app/index.html')).rejects.toThrow("not one");
  });

  it("gives the page the handler's Response, with the request in scheme form, and reports frames and navigations in scheme form", async () => {
    const desktop = await readyDesktop();
    const asked: { url: string; method: string; origin: string | null }[] = [];
    desktop.platform.protocol.handle('probe', (request) => {
      asked.push({ url: request.url, method: request.method, origin: request.headers.get('origin') });
      if (new URL(request.url).pathname === '/index.html') return new Response(probePage, { headers: { 'content-type': 'text/html; charset=utf-8' } });
      return new Response('short and stout', { status: 418, headers: { 'content-type': 'text/plain', 'x-probe': 'yes' } });
    });
    const window = new desktop.platform.BrowserWindow({ webPreferences: { preload: join(root, 'preload.cjs') } });
    const navigations: string[] = [];
    window.webContents.on('will-navigate', (event, url) => {
      navigations.push(url);
      event.preventDefault();
    });
    await window.loadURL('probe://app/index.html');
    const page = await pageOf(window);
    expect(window.url).toBe('probe://app/index.html');
    expect(await page.title()).toBe('from the handler');
    expect(asked[0]).toEqual({ url: 'probe://app/index.html', method: 'GET', origin: null });

    const reply = await page.evaluate(async () => {
      const response = await fetch('/teapot', { method: 'POST', body: 'tea' });
      return { status: response.status, header: response.headers.get('x-probe'), body: await response.text() };
    });
    expect(reply).toEqual({ status: 418, header: 'yes', body: 'short and stout' });
    expect(asked.at(-1)).toEqual({ url: 'probe://app/teapot', method: 'POST', origin: 'probe://app' });

    const frames: { url: string; top: boolean }[] = [];
    desktop.platform.ipcMain.handle('who', (event) => {
      const frame = (event as unknown as { senderFrame: { url: string; parent: unknown } }).senderFrame;
      frames.push({ url: frame.url, top: frame.parent === null });
    });
    await page.evaluate(() => (window as unknown as { probe: { invoke(c: string, v: unknown): Promise<unknown> } }).probe.invoke('who', null));
    expect(frames).toEqual([{ url: 'probe://app/index.html', top: true }]);

    await page.evaluate("location.href = '/elsewhere.html'");
    await expect.poll(() => navigations).toEqual(['probe://app/elsewhere.html']);
    expect(window.url).toBe('probe://app/index.html');
    await window.destroy();
  });

  it('fails a request whose handler throws, as Electron fails it', async () => {
    const desktop = await readyDesktop();
    desktop.platform.protocol.handle('probe', (request) => {
      if (new URL(request.url).pathname === '/index.html') return new Response(probePage, { headers: { 'content-type': 'text/html' } });
      throw new Error('the handler failed');
    });
    const window = new desktop.platform.BrowserWindow({});
    await window.loadURL('probe://app/index.html');
    const page = await pageOf(window);
    expect(await page.evaluate(() => fetch('/broken').then(() => 'answered', () => 'failed'))).toBe('failed');
    await window.destroy();
  });
});
