// The whole app, as main/index.ts starts it (startApp over the built bundles), in a process of
// its own on the desktop stand-in: its window a real Chromium page, the embedded sandbox in its
// own process, the real keychain. What a person does (click a notification, pick a tray item,
// close the window, sleep the machine) is driven through the stand-in's recorders.
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import keytar from 'keytar';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SendMessageInput } from '../../main/core/api';
import { launchAppProcess } from '../desktop/app-process/parent';
import type { AppProcess } from '../desktop/app-process/parent';
import type { DesktopState } from '../desktop/app-process/messages';
import { isAlive } from '../desktop/desktop';
import { launchDesktopChromium } from '../harness/chromium';
import '../support/provided-context';
import { createPerson } from './support/sandbox-people';

const settled = { timeout: 15_000 };
let browser: Browser;
let app: AppProcess;
let page: Page;

beforeAll(async () => {
  browser = await launchDesktopChromium();
  app = await launchAppProcess(browser, { distDir: inject('builtAppDir') });
  page = await app.page();
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

const state = (): Promise<DesktopState> => app.state();
const appWindow = async () => (await state()).windows[0]!;

describe('TigerDesk on its first launch', () => {
  it('shows the window with the sign-in, and tries the local sandbox in its own process', async () => {
    expect(await app.started).toEqual({ kind: 'started' });
    await expect.poll(async () => (await appWindow()).visible, settled).toBe(true);
    await page.getByRole('button', { name: 'Try the local sandbox' }).click();
    await page.getByRole('list', { name: 'Conversations' }).waitFor();
    await page.locator('.banner[role="status"]').filter({ hasText: /^Connected/ }).waitFor();
    expect((await state()).utilityPids).toHaveLength(1);
  });

  it("talks to the server only through Electron's net.fetch: the sign-in, the API calls and the event stream", async () => {
    const { netFetches, nodeFetches } = await state();
    const server = /^http:\/\/127\.0\.0\.1:\d+\/v2/;
    const calls = netFetches.filter((call) => server.test(call.url)).map((call) => `${call.method} ${call.url.replace(server, '')}`);
    expect(calls).toContain('POST /login');
    expect(calls.some((call) => call.startsWith('GET /user/'))).toBe(true);
    expect(calls).toContain('GET /events/');
    expect(nodeFetches).toBe(0);
  });

  it('notifies a reply that comes while the window is elsewhere, and the click opens its conversation', async () => {
    await page.getByRole('button', { name: 'New conversation' }).click();
    await page.getByRole('searchbox', { name: 'Search people' }).fill('jordan.lee@tigergeneral.test');
    await page.getByRole('button', { name: 'Message Jordan Lee', exact: true }).click();
    await page.getByRole('main', { name: 'Conversation with Jordan Lee' }).waitFor();
    await page.getByRole('textbox', { name: 'Message' }).fill('Can you check bed 12?');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await app.act({ kind: 'window', index: 0, gesture: 'blur' });

    const fromJordan = async () => (await state()).notifications.findIndex((shown) => shown.shown && shown.title === 'Jordan Lee');
    await expect.poll(fromJordan, settled).toBeGreaterThanOrEqual(0);
    const index = await fromJordan();
    // The default privacy level names the sender and nothing of what was written.
    expect((await state()).notifications[index]!.body).toMatch(/^(New message|\d+ new messages)$/);
    await app.act({ kind: 'window', index: 0, gesture: 'hide' });
    await app.act({ kind: 'click-notification', index });
    expect(await appWindow()).toMatchObject({ visible: true, focused: true });
    await page.getByRole('main', { name: 'Conversation with Jordan Lee' }).waitFor();
  });

  it('counts the unread in the tray, and the badge follows', async () => {
    await expect.poll(async () => (await state()).trays[0]!.tooltip, settled).toMatch(/^TigerDesk: \d+ unread messages?/);
    const { trays, badgeCounts } = await state();
    expect(badgeCounts.at(-1)).toBe(Number(/(\d+) unread/.exec(trays[0]!.tooltip)![1]));
  });

  it('hides to the tray when closed, says so once, and the tray brings it back', async () => {
    const stillRunning = async () => (await state()).notifications.filter((shown) => shown.title === 'TigerDesk is still running');
    expect(await app.act({ kind: 'window', index: 0, gesture: 'close' })).toBe(false);
    expect(await appWindow()).toMatchObject({ visible: false, destroyed: false });
    expect(await stillRunning()).toHaveLength(1);
    await app.act({ kind: 'pick-tray-item', label: 'Open TigerDesk' });
    expect((await appWindow()).visible).toBe(true);
    await app.act({ kind: 'window', index: 0, gesture: 'close' });
    await app.act({ kind: 'window', index: 0, gesture: 'show' });
    expect(await stillRunning()).toHaveLength(1);
  });

  it('a second launch of the same installation brings the first to the front and quits', async () => {
    await app.act({ kind: 'window', index: 0, gesture: 'hide' });
    const second = await launchAppProcess(browser, { distDir: inject('builtAppDir'), root: app.root, keychainService: app.keychainService });
    expect(await second.started).toEqual({ kind: 'second-instance' });
    expect(await second.exitCode).toBe(0);
    await expect.poll(appWindow, settled).toMatchObject({ visible: true, focused: true });
  });

  it('refuses the camera and every permission but notifications', async () => {
    const ask = (permission: string, details: Record<string, unknown> = {}) => app.act({ kind: 'request-permission', permission, details });
    expect(await ask('media', { mediaTypes: ['video'] })).toBe(false);
    expect(await ask('geolocation')).toBe(false);
    expect(await ask('notifications')).toBe(true);
    // Only the app's own page: a frame from anywhere else asking for notifications gets nothing.
    expect(await ask('notifications', { requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(await ask('notifications', { requestingUrl: 'file:///etc/index.html' })).toBe(false);
  });

  it("loads its page from its own scheme, not from a file", async () => {
    expect((await appWindow()).url).toBe('tigerdesk://app/index.html');
  });

  it('refuses navigation away and new windows, and hands https links to the OS browser', async () => {
    const appUrl = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://example.org/away';
    });
    await expect.poll(async () => (await state()).externalLinks, settled).toContain('https://example.org/away');
    expect(page.url()).toBe(appUrl);
    await page.evaluate(() => window.open('https://example.org/popup'));
    await expect.poll(async () => (await state()).externalLinks, settled).toContain('https://example.org/popup');
    expect(page.context().pages()).toHaveLength(1);
  });
});

describe('after a sleep', () => {
  it('catches up on resume and removes the messages that expired meanwhile', async () => {
    await messageFromNewPerson('Nightshift Tester', { body: 'Gone in a minute', ttl: 1 });
    await conversationRowNamed('Nightshift Tester').click();
    // The thread's copy: the conversation list previews it too.
    const inThread = page.getByRole('list', { name: 'Messages' }).getByText('Gone in a minute', { exact: true });
    await inThread.waitFor();

    // The machine sleeps for two minutes: the wall clock moves, the app's timers do not run.
    // It wakes before the server answers again: what expired must go without its help.
    const sandboxPid = (await state()).utilityPids[0]!;
    process.kill(sandboxPid, 'SIGSTOP');
    try {
      await app.act({ kind: 'advance-clock', ms: 2 * 60_000 });
      await app.act({ kind: 'power', event: 'resume' });
      await inThread.waitFor({ state: 'detached', timeout: 5_000 });
      await page.getByText('Gone in a minute', { exact: true }).waitFor({ state: 'detached', timeout: 5_000 });
    } finally {
      process.kill(sandboxPid, 'SIGCONT');
    }
  });
});

describe('opening an attachment in another app', () => {
  it('hands over a decrypted copy in a folder only this user can reach', async () => {
    await messageFromNewPerson('Lab Tester', {
      body: 'Results attached',
      attachment: { name: 'labs.txt', contentType: 'text/plain', bytes: new TextEncoder().encode('Potassium 6.1 mmol/L') },
    });
    await conversationRowNamed('Lab Tester').click();
    await page.getByRole('button', { name: 'Open labs.txt' }).click();
    await expect.poll(async () => (await state()).openedPaths.length, settled).toBe(1);
    const [copy] = (await state()).openedPaths;
    const openedDir = join((await state()).userData, 'opened');
    expect(copy!.startsWith(`${openedDir}/`)).toBe(true);
    expect(await readFile(copy!, 'utf8')).toBe('Potassium 6.1 mmol/L');
    expect((await stat(openedDir)).mode & 0o777).toBe(0o700);
    expect((await stat(dirname(copy!))).mode & 0o777).toBe(0o700);
  });
});

describe('the lock on a shared workstation', () => {
  it('locks when the OS locks its screen: nothing readable is left, notifications drop to a count, the tray offers only Unlock and Quit', async () => {
    // The demo user's password was never typed: a PIN is what lets this account lock.
    await page.getByRole('button', { name: 'Settings' }).first().click();
    await page.getByLabel('PIN', { exact: true }).fill('4826');
    await page.getByRole('button', { name: 'Set PIN' }).click();
    await page.getByText('The PIN was set.').waitFor();
    await page.keyboard.press('Escape');
    await app.act({ kind: 'window', index: 0, gesture: 'blur' });
    const shownBefore = (await state()).notifications.length;
    await messageFromNewPerson('Before Lock Tester', { body: 'Bed 9 is free' });
    // Its notification (titled by the sender, or by their token while the name is still unknown here).
    await expect.poll(async () => (await state()).notifications.length, settled).toBeGreaterThan(shownBefore);
    const beforeLock = async () => (await state()).notifications[shownBefore];
    expect(await beforeLock()).toMatchObject({ shown: true, closed: false });

    await app.act({ kind: 'power', event: 'lock-screen' });
    await page.getByRole('heading', { name: 'TigerDesk is locked' }).waitFor();
    const locked = await state();
    expect(locked.windows[0]!.contentProtected).toBe(true);
    expect(locked.trays[0]!.items.filter(Boolean)).toEqual(['Unlock TigerDesk', 'Quit TigerDesk']);
    expect(await beforeLock()).toMatchObject({ shown: true, closed: true });
    const notifiedBefore = locked.notifications.length;

    // A message that comes while locked: told as a count, with no name.
    await messageFromNewPerson('Locked Tester', { body: 'Potassium is 6.4' });
    await expect.poll(async () => (await state()).notifications.length, settled).toBeGreaterThan(notifiedBefore);
    const whileLocked = (await state()).notifications.slice(notifiedBefore);
    expect(whileLocked.map((shown) => shown.title)).toEqual(['TigerDesk']);
    expect(whileLocked[0]!.body).toMatch(/^\d+ new messages?$/);
    const html = await page.content();
    for (const text of ['Potassium', 'Locked Tester', 'Lab Tester', 'Results attached', 'Jordan Lee', 'Bed 9']) expect(html).not.toContain(text);

    await page.getByLabel('PIN', { exact: true }).fill('4826');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await conversationRowNamed('Locked Tester').waitFor(settled);
    const unlocked = await state();
    expect(unlocked.windows[0]!.contentProtected).toBe(false);
    expect(unlocked.trays[0]!.items).toContain('Do Not Disturb');
  });
});

describe('signing out and quitting', () => {
  it('signs out and erases the account: its folder, its keychain entries and its opened copies', async () => {
    expect(await accountFolders()).toHaveLength(1);
    expect(await readdir(join((await state()).userData, 'opened'))).toHaveLength(1);
    await page.getByRole('button', { name: /Settings/ }).first().click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Confirm: sign out and erase' }).click();
    await page.getByRole('button', { name: 'Try the local sandbox' }).waitFor();
    await expect.poll(accountFolders, settled).toEqual([]);
    const entries = (await keytar.findCredentials(app.keychainService)).map((entry) => entry.account);
    expect(entries.filter((name) => name.startsWith('account:'))).toEqual([]);
    await expect.poll(() => readdir(join(app.root, 'userData', 'opened')), settled).toEqual([]);
  });

  it('stays small: the app process, measured apart from the test runner', async () => {
    const usage = await app.usage();
    process.stdout.write(`the app's process: ${Math.round(usage.cpuMs)} ms of CPU, ${Math.round(usage.rssBytes / 1048576)} MB resident, ${Math.round(usage.heapUsedBytes / 1048576)} MB of heap\n`);
    expect(usage.rssBytes).toBeLessThan(400 * 1048576);
    expect(usage.cpuMs).toBeGreaterThan(0);
  });

  it('quits cleanly: the window closes, the local sandbox stops and the process exits 0', async () => {
    const sandboxPid = (await state()).utilityPids[0]!;
    await app.act({ kind: 'pick-tray-item', label: 'Quit TigerDesk' });
    expect(await app.exitCode).toBe(0);
    expect(isAlive(sandboxPid)).toBe(false);
    expect(app.log.filter((record) => record.level === 'error')).toEqual([]);
  });
});

describe('a start-up that fails', () => {
  it('tells the user why in a native error dialog, and exits 1', async () => {
    const root = await mkdtemp(join(tmpdir(), 'tigerdesk-broken-'));
    // The preferences cannot be read or replaced: a folder stands where the file goes.
    await mkdir(join(root, 'userData', 'preferences.json'), { recursive: true });
    const broken = await launchAppProcess(browser, { distDir: inject('builtAppDir'), root });
    try {
      expect(await broken.started).toMatchObject({ kind: 'failed', reason: expect.stringContaining('EISDIR') });
      expect(await broken.errorBoxesAtStart).toEqual([{ title: 'TigerDesk could not start', content: expect.stringContaining('EISDIR') }]);
      expect(await broken.exitCode).toBe(1);
    } finally {
      await broken.dispose();
      await rm(root, { recursive: true, force: true });
    }
  });
});

/** Someone new in the embedded sandbox writes to the demo user this app signed in as. */
async function messageFromNewPerson(name: string, message: Omit<SendMessageInput, 'recipient' | 'senderOrganization'>): Promise<void> {
  const sender = await createPerson(await embeddedSandboxUrl(), name);
  const [organization] = await sender.api.getUserOrganizations(sender.token);
  const alex = await sender.api.lookupUser('alex.morgan@tigergeneral.test');
  await sender.api.sendMessage({ ...message, recipient: alex.token, senderOrganization: organization!.token });
}

async function embeddedSandboxUrl(): Promise<string> {
  const port = JSON.parse(await readFile(join((await state()).userData, 'sandbox', 'port.json'), 'utf8')) as number;
  return `http://127.0.0.1:${port}/v2`;
}

function conversationRowNamed(name: string) {
  return page.getByRole('list', { name: 'Conversations' }).locator('button.conversation').filter({ has: page.getByText(name, { exact: true }) });
}

async function accountFolders(): Promise<string[]> {
  return readdir(join((await state()).userData, 'data', 'accounts')).catch(() => []);
}
