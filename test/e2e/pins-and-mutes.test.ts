// Pins, mutes and the Do Not Disturb schedule in the whole app (startApp over the built bundles,
// on the desktop stand-in, with the local sandbox): a conversation pinned from its menu moves to
// the top, one muted from its context menu shows the muted marker, both are still there after
// the app quits and starts again on the same data; when the schedule starts, the notifications
// shown are withdrawn. One app and one restart for the file: each start costs seconds.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchAppProcess } from '../desktop/app-process/parent';
import type { AppProcess } from '../desktop/app-process/parent';
import { launchDesktopChromium } from '../harness/chromium';
import '../support/provided-context';

const settled = { timeout: 15_000 };
let browser: Browser;
const launched: AppProcess[] = [];

beforeAll(async () => {
  browser = await launchDesktopChromium();
});

afterEach(({ task }) => {
  if (task.result?.state === 'fail') {
    for (const app of launched) for (const record of app.log) process.stderr.write(`${JSON.stringify(record)}\n`);
  }
});

afterAll(async () => {
  // The first launch's data goes with the last: both ran on the same folder and keychain service.
  for (const app of launched.reverse()) await app.dispose();
  await browser?.close();
});

/** The conversation names in roster order. */
async function rowNames(page: Page): Promise<string[]> {
  const items = page.getByRole('list', { name: 'Conversations' }).getByRole('listitem');
  const rows = await items.evaluateAll((elements) =>
    elements
      .map((element) => ({ at: Number(element.getAttribute('aria-posinset')), name: element.querySelector('.conversation-name')?.textContent ?? '' }))
      .sort((a, b) => a.at - b.at)
      .map((row) => row.name),
  );
  return rows;
}

const rowText = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Conversations' }).locator('button.conversation').filter({ has: page.getByText(name, { exact: true }) }).innerText();

async function connected(page: Page): Promise<void> {
  await page.getByRole('list', { name: 'Conversations' }).waitFor();
  await page.locator('.banner[role="status"]').filter({ hasText: /^Connected/ }).waitFor(settled);
  await expect.poll(async () => (await rowNames(page)).length, settled).toBeGreaterThan(2);
}

/** 'HH:MM' of local time, as the settings' time fields take it. */
const clockText = (time: number) => {
  const date = new Date(time);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
};

describe('pinned and muted conversations, and the Do Not Disturb schedule', () => {
  let first: AppProcess;
  let page: Page;
  let pinned: string;
  let muted: string;

  it('pin from the options button moves the row to the top; mute from the context menu shows the marker', async () => {
    first = await launchAppProcess(browser, { distDir: inject('builtAppDir') });
    launched.push(first);
    page = await first.page();
    await page.getByRole('button', { name: 'Try the local sandbox' }).click();
    await connected(page);

    // Names held once: the demo's Alex is in two organizations, and some colleagues in both.
    const names = (await rowNames(page)).filter((name, _, all) => all.indexOf(name) === all.lastIndexOf(name));
    pinned = names.at(-1)!;
    // Jordan Lee answers in the next test: their conversation must not be the muted one.
    muted = names.find((name) => name !== pinned && name !== 'Jordan Lee')!;
    await page.getByRole('button', { name: `Conversation options: ${pinned}` }).click();
    const menu = page.getByRole('menu', { name: `Options for ${pinned}` });
    await menu.getByRole('menuitem', { name: 'Pin to top' }).click();
    await expect.poll(async () => (await rowNames(page))[0], settled).toBe(pinned);
    expect(await rowText(page, pinned)).toContain('📌');
    await expect(page.getByRole('button', { name: new RegExp(`^Pinned\\. ${pinned}`) }).count()).resolves.toBe(1);

    await page.getByRole('list', { name: 'Conversations' }).locator('button.conversation').filter({ has: page.getByText(muted, { exact: true }) }).click({ button: 'right' });
    await page.getByRole('menu', { name: `Options for ${muted}` }).getByRole('menuitem', { name: 'Mute until tomorrow morning' }).click();
    const mutedRow = page.getByRole('button', { name: new RegExp(`${muted}.*Muted until`) });
    await mutedRow.waitFor(settled);
  });

  it('when the schedule starts, the notification shown is withdrawn and the settings say Do Not Disturb is on now', async () => {
    const start = Date.now() + 2 * 3_600_000;
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('checkbox', { name: 'Do Not Disturb on a schedule' }).check();
    await settings.getByLabel('From').fill(clockText(start));
    await settings.getByLabel('To').fill(clockText(start + 3_600_000));
    await expect.poll(() => settings.getByLabel('To').inputValue(), settled).toBe(clockText(start + 3_600_000));
    // The default schedule spans the night: at night the status reads "on" until main has the new times.
    await expect.poll(() => settings.getByRole('status').innerText(), settled).toBe('Do Not Disturb is off now.');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'New conversation' }).click();
    await page.getByRole('searchbox', { name: 'Search people' }).fill('jordan.lee@tigergeneral.test');
    await page.getByRole('button', { name: 'Message Jordan Lee', exact: true }).click();
    await page.getByRole('textbox', { name: 'Message' }).fill('Can you check bed 12?');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    // Elsewhere before the answer comes: a conversation on screen is read as it arrives, and its notification goes.
    await page.getByRole('list', { name: 'Conversations' }).locator('button.conversation').filter({ has: page.getByText(muted, { exact: true }) }).click();
    await first.act({ kind: 'window', index: 0, gesture: 'blur' });
    const fromJordan = async () => (await first.state()).notifications.findIndex((shown) => shown.shown && !shown.closed && shown.title === 'Jordan Lee');
    await expect.poll(fromJordan, settled).toBeGreaterThanOrEqual(0);
    const index = await fromJordan();
    expect(index).toBeGreaterThanOrEqual(0);

    // The machine sleeps past the schedule's start and wakes inside it.
    await first.act({ kind: 'advance-clock', ms: start - Date.now() + 60_000 });
    await first.act({ kind: 'power', event: 'resume' });
    await expect.poll(async () => (await first.state()).notifications[index]!.closed, settled).toBe(true);
    await first.act({ kind: 'window', index: 0, gesture: 'focus' });
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect.poll(() => page.getByRole('dialog', { name: 'Settings' }).getByRole('status').innerText(), settled).toBe('Do Not Disturb is on now.');
    await page.keyboard.press('Escape');
  });

  it('the pin and the mute are still there after the app quits and starts again', async () => {
    await first.act({ kind: 'pick-tray-item', label: 'Quit TigerDesk' });
    expect(await first.exitCode).toBe(0);

    const again = await launchAppProcess(browser, { distDir: inject('builtAppDir'), root: first.root, keychainService: first.keychainService });
    launched.push(again);
    expect(await again.started).toEqual({ kind: 'started' });
    const restarted = await again.page();
    await connected(restarted);
    expect((await rowNames(restarted))[0]).toBe(pinned);
    await restarted.getByRole('button', { name: new RegExp(`${muted}.*Muted until`) }).waitFor(settled);
    expect(again.log.filter((record) => record.level === 'error')).toEqual([]);
  });
});
