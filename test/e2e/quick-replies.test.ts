// Quick replies and answering a notification (issue 13, item 4), the whole app in its own
// process on the desktop stand-in playing macOS's notifications (a reply field and buttons),
// signed in to a sandbox of the test's own: what the sandbox's database holds afterwards is
// the proof that each answer was sent, and sent once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { startSandbox } from '../../sandbox/index';
import type { RunningSandbox } from '../../sandbox/index';
import { launchAppProcess } from '../desktop/app-process/parent';
import type { AppProcess } from '../desktop/app-process/parent';
import { serverMessages } from '../faults/support/ledger';
import { launchDesktopChromium } from '../harness/chromium';
import '../support/provided-context';
import { openConversation, signIn } from './support/app-page';
import { createPerson } from './support/sandbox-people';
import type { Person } from './support/sandbox-people';

/** Messages travel through the outbox, the server and the event stream; CI shares two cores with the whole suite. */
const settled = { timeout: 20_000 };

let browser: Browser;
let sandbox: RunningSandbox;
let dataDir: string;
let app: AppProcess;
let page: Page;
let ann: Person;
let bo: Person;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tigerdesk-quick-replies-'));
  sandbox = await startSandbox({ port: 0, dataDir });
  [ann, bo] = await Promise.all([createPerson(sandbox.apiUrl, 'Ann Asking'), createPerson(sandbox.apiUrl, 'Bo Answering')]);
  browser = await launchDesktopChromium();
  app = await launchAppProcess(browser, { distDir: inject('builtAppDir'), notificationPlatform: 'darwin' });
  page = await app.page();
  await signIn(page, sandbox.apiUrl, bo);
}, 120_000);

afterEach(({ task }) => {
  if (task.result?.state === 'fail') for (const record of app.log) process.stderr.write(`${JSON.stringify(record)}\n`);
});

afterAll(async () => {
  await app?.dispose();
  await browser?.close();
  await sandbox?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** What the sandbox holds from Bo to Ann: their bodies, in the order stored. */
const sentToAnn = () => serverMessages(dataDir, bo.token, ann.token).map((message) => message.body);

/**
 * Ann writes to Bo while Bo's window is elsewhere; the index of the notification it raises, still
 * on screen. `withdrawnToo`: or already withdrawn, as when the window shows Ann's thread, which
 * reads the message (the stand-in's page keeps Chromium's focus when its window blurs, which
 * Electron's would not).
 */
async function annWrites(body: string, { withdrawnToo = false } = {}): Promise<number> {
  await app.act({ kind: 'window', index: 0, gesture: 'blur' });
  const before = (await app.state()).notifications.length;
  await ann.api.sendMessage({ recipient: bo.token, body, senderOrganization: sandbox.organizationKey });
  // Titled by the sender's name once known; the first message of a new conversation may come before it is.
  const fromAnn = async () => (await app.state()).notifications.findIndex((shown, index) => index >= before && shown.shown && (withdrawnToo || !shown.closed));
  await expect.poll(fromAnn, settled).toBeGreaterThanOrEqual(0);
  return fromAnn();
}

/** Waits until the outbox has nothing left to send, then a moment more for a second copy that should not come. */
async function outboxSettled(): Promise<void> {
  await page.locator('.banner[role="status"]').filter({ hasText: /^Connected/ }).filter({ hasNotText: /queued/ }).waitFor(settled);
}

describe('answering a notification', () => {
  it('offers a reply field and the quick replies as buttons, and its reply reaches the sandbox once, the question read', async () => {
    const index = await annWrites('Can you come to bed 4?');
    expect((await app.state()).notifications[index]).toMatchObject({ body: 'New message', hasReply: true, buttons: ['On my way', 'Call me', 'Done'] });

    await app.act({ kind: 'reply-to-notification', index, text: 'Coming, 2 minutes' });
    expect((await app.state()).notifications[index]!.closed).toBe(true);
    await expect.poll(sentToAnn, settled).toEqual(['Coming, 2 minutes']);
    // Answered means seen: Ann's question is read on the server, as a read receipt tells her.
    await expect.poll(() => serverMessages(dataDir, ann.token, bo.token).map((message) => message.recipientStatus), settled).toEqual([2]);
    await outboxSettled();
    expect(sentToAnn()).toEqual(['Coming, 2 minutes']);
  }, 90_000);

  it('sends the quick reply of the button pressed, once', async () => {
    const index = await annWrites('Are you free for a consult?');
    await app.act({ kind: 'press-notification-button', index, button: 1 });
    await expect.poll(sentToAnn, settled).toEqual(['Coming, 2 minutes', 'Call me']);
    await outboxSettled();
    expect(sentToAnn()).toEqual(['Coming, 2 minutes', 'Call me']);
  }, 90_000);
});

describe('quick replies in the window', () => {
  it('are sent once from the composer with one click', async () => {
    await app.act({ kind: 'window', index: 0, gesture: 'focus' });
    await openConversation(page, ann.displayName);
    await page.getByRole('button', { name: 'Quick reply: Done' }).click();
    await expect.poll(sentToAnn, settled).toEqual(['Coming, 2 minutes', 'Call me', 'Done']);
    await outboxSettled();
    expect(sentToAnn()).toEqual(['Coming, 2 minutes', 'Call me', 'Done']);
  }, 90_000);

  it('edited in Settings, show in the composer and in the next notification', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('textbox', { name: 'Quick reply 1' }).fill('On my way to the ward');
    await dialog.getByRole('textbox', { name: 'Quick reply 1' }).press('Enter');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Quick reply: On my way to the ward' }).waitFor(settled);

    // The window still shows Ann's thread (the test before).
    const index = await annWrites('Bed 9 now please', { withdrawnToo: true });
    expect((await app.state()).notifications[index]!.buttons).toEqual(['On my way to the ward', 'Call me', 'Done']);
  }, 90_000);
});
