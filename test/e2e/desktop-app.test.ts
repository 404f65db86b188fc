// The whole app, as main/index.ts starts it (startApp over the built bundles), on the desktop
// stand-in: a real Chromium window, the embedded sandbox in its own process, the real keychain.
// What a person does (click a notification, pick a tray item, close the window, sleep the
// machine) is driven through the stand-in's recorders.
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchDesktopChromium } from '../harness/chromium';
import { launchApp } from './support/desktop-app';
import { createPerson } from './support/sandbox-people';
import type { RunningApp } from './support/desktop-app';

const settled = { timeout: 15_000 };
let browser: Browser;
let app: RunningApp;

beforeAll(async () => {
  browser = await launchDesktopChromium();
  app = await launchApp(browser);
});

afterEach(({ task }) => {
  if (task.result?.state === 'fail') {
    for (const record of app.log) process.stderr.write(`${JSON.stringify(record)}\n`);
  }
});

afterAll(async () => {
  await app?.dispose();
  await browser?.close();
});

describe('TigerDesk on its first launch', () => {
  it('shows the window with the sign-in, and tries the local sandbox in its own process', async () => {
    expect(app.started).toEqual({ kind: 'started' });
    await expect.poll(() => app.window.isVisible(), settled).toBe(true);
    await app.page.getByRole('button', { name: 'Try the local sandbox' }).click();

    await app.page.getByRole('list', { name: 'Conversations' }).waitFor();
    await app.page.locator('.banner[role="status"]').filter({ hasText: /^Connected/ }).waitFor();
  });

  it('notifies a reply that comes while the window is elsewhere, and the click opens its conversation', async () => {
    const { page, window, desktop } = app;
    await page.getByRole('button', { name: 'New conversation' }).click();
    await page.getByRole('searchbox', { name: 'Search people' }).fill('jordan.lee@tigergeneral.test');
    await page.getByRole('button', { name: 'Message Jordan Lee', exact: true }).click();
    await page.getByRole('main', { name: 'Conversation with Jordan Lee' }).waitFor();
    await page.getByRole('textbox', { name: 'Message' }).fill('Can you check bed 12?');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    window.userBlur();

    const fromJordan = () => desktop.notifications.find((shown) => shown.shown && shown.options.title === 'Jordan Lee');
    await expect.poll(() => fromJordan() !== undefined, settled).toBe(true);
    // The default privacy level names the sender and nothing of what was written.
    expect(fromJordan()!.options.body).toMatch(/^(New message|\d+ new messages)$/);
    window.hide();
    fromJordan()!.click();
    expect(window.isVisible()).toBe(true);
    expect(window.isFocused()).toBe(true);
    await page.getByRole('main', { name: 'Conversation with Jordan Lee' }).waitFor();
  });

  it('counts the unread in the tray, and the badge follows', async () => {
    const tray = app.desktop.trays[0]!;
    await expect.poll(() => tray.tooltip, settled).toMatch(/^TigerDesk: \d+ unread messages?/);
    const unread = Number(/(\d+) unread/.exec(tray.tooltip)![1]);
    expect(app.desktop.badgeCounts.at(-1)).toBe(unread);
  });

  it('hides to the tray when closed, says so once, and the tray brings it back', async () => {
    const { window, desktop } = app;
    expect(window.userClose()).toBe(false);
    expect(window.isVisible()).toBe(false);
    expect(window.isDestroyed()).toBe(false);
    expect(desktop.notifications.filter((shown) => shown.options.title === 'TigerDesk is still running')).toHaveLength(1);
    desktop.trays[0]!.pick('Open TigerDesk');
    expect(window.isVisible()).toBe(true);
    window.userClose();
    window.show();
    expect(desktop.notifications.filter((shown) => shown.options.title === 'TigerDesk is still running')).toHaveLength(1);
  });

  it('a second launch of the same installation brings the first to the front and quits', async () => {
    app.window.hide();
    const second = await launchApp(browser, { root: app.root, keychainService: app.keychainService });
    expect(second.started).toEqual({ kind: 'second-instance' });
    expect(second.desktop.windows).toHaveLength(0);
    expect(app.window.isVisible()).toBe(true);
    expect(app.window.isFocused()).toBe(true);
  });

  it('refuses the camera and every permission but notifications', async () => {
    expect(await app.desktop.requestPermission('media', { mediaTypes: ['video'] })).toBe(false);
    expect(await app.desktop.requestPermission('geolocation')).toBe(false);
    expect(await app.desktop.requestPermission('notifications')).toBe(true);
  });

  it('refuses navigation away and new windows, and hands https links to the OS browser', async () => {
    const { page, desktop } = app;
    const appUrl = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://example.org/away';
    });
    await expect.poll(() => desktop.externalLinks, settled).toContain('https://example.org/away');
    expect(page.url()).toBe(appUrl);
    await page.evaluate(() => window.open('https://example.org/popup'));
    await expect.poll(() => desktop.externalLinks, settled).toContain('https://example.org/popup');
    expect(page.context().pages()).toHaveLength(1);
  });
});

describe('after a sleep', () => {
  it('catches up on resume and removes the messages that expired meanwhile', async () => {
    const { page, desktop } = app;
    const sandboxUrl = await embeddedSandboxUrl(app);
    const sender = await createPerson(sandboxUrl, 'Nightshift Tester');
    const [organization] = await sender.api.getUserOrganizations(sender.token);
    const alex = await sender.api.lookupUser('alex.morgan@tigergeneral.test');
    await sender.api.sendMessage({ recipient: alex.token, body: 'Gone in a minute', ttl: 1, senderOrganization: organization!.token });
    await conversationRowNamed(page, 'Nightshift Tester').click();
    await page.getByText('Gone in a minute', { exact: true }).waitFor();

    // The machine sleeps for two minutes: the wall clock moves, the app's timers do not run.
    // It wakes before the server answers again: what expired must go without its help.
    const sandboxPid = desktop.utilityPids[0]!;
    process.kill(sandboxPid, 'SIGSTOP');
    try {
      desktop.clock.advance(2 * 60_000);
      desktop.power.emit('resume');
      await page.getByText('Gone in a minute', { exact: true }).waitFor({ state: 'detached', timeout: 5_000 });
    } finally {
      process.kill(sandboxPid, 'SIGCONT');
    }
  });
});

describe('signing out and quitting', () => {
  it('signs out and erases the account: its folder and its keychain entries', async () => {
    const { page } = app;
    const accountsBefore = await accountFolders(app);
    expect(accountsBefore).toHaveLength(1);
    await page.getByRole('button', { name: /Settings/ }).first().click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Confirm: sign out and erase' }).click();
    await page.getByRole('button', { name: 'Try the local sandbox' }).waitFor();
    await expect.poll(() => accountFolders(app), settled).toEqual([]);
    const entries = (await keytar.findCredentials(app.keychainService)).map((entry) => entry.account);
    expect(entries.filter((name) => name.startsWith('account:'))).toEqual([]);
  });

  it('quits cleanly: the window closes, the local sandbox stops and the process exits 0', async () => {
    app.desktop.trays[0]!.pick('Quit TigerDesk');
    await expect(app.desktop.exitCode).resolves.toBe(0);
    expect(app.window.isDestroyed()).toBe(true);
    expect(app.desktop.trays[0]!.destroyed).toBe(true);
    expect(app.log.filter((record) => record.level === 'error')).toEqual([]);
  });
});

describe('a start-up that fails', () => {
  it('tells the user why in a native error dialog, and exits 1', async () => {
    const root = await mkdtemp(join(tmpdir(), 'tigerdesk-broken-'));
    // The preferences cannot be read or replaced: a folder stands where the file goes.
    await mkdir(join(root, 'userData', 'preferences.json'), { recursive: true });
    const broken = await launchApp(browser, { root });
    try {
      expect(broken.started.kind).toBe('failed');
      expect(broken.desktop.errorBoxes).toHaveLength(1);
      expect(broken.desktop.errorBoxes[0]!.title).toBe('TigerDesk could not start');
      expect(broken.desktop.errorBoxes[0]!.content).not.toBe('');
      await expect(broken.desktop.exitCode).resolves.toBe(1);
    } finally {
      await broken.dispose();
      await rm(root, { recursive: true, force: true });
    }
  });
});

async function embeddedSandboxUrl(running: RunningApp): Promise<string> {
  const port = JSON.parse(await readFile(join(running.desktop.userData, 'sandbox', 'port.json'), 'utf8')) as number;
  return `http://127.0.0.1:${port}/v2`;
}

function conversationRowNamed(page: Page, name: string) {
  return page.getByRole('list', { name: 'Conversations' }).locator('button.conversation').filter({ has: page.getByText(name, { exact: true }) });
}

async function accountFolders(running: RunningApp): Promise<string[]> {
  return readdir(join(running.desktop.userData, 'data', 'accounts')).catch(() => []);
}
