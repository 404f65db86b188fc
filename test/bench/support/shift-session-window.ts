/**
 * What the nurse does at the window, the way a person does it: the quick switcher (Ctrl+K),
 * the composer, a file's Open button, Lock now and the password. Each step waits until the
 * window shows that it happened, so that the shift's load is real and not queued up.
 */
import type { Page } from 'playwright-core';
import { messageWithBody } from '../../e2e/support/app-page';
import type { Person } from '../../e2e/support/sandbox-people';

const lockHeading = (page: Page) => page.getByRole('heading', { name: 'TigerDesk is locked' });
const threadOf = (page: Page, name: string) => page.getByRole('main', { name: `Conversation with ${name}` });

export async function switchTo(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+k');
  const picker = page.getByRole('combobox', { name: 'Conversation name' });
  const options = page.getByRole('listbox').getByRole('option');
  // Typed again when the list has not narrowed to the one name: on a loaded machine, while
  // messages pour in, the box was once seen listing the whole roster after the name was typed.
  for (let attempt = 0; (await options.count()) !== 1 || (await options.first().innerText()) !== name; attempt += 1) {
    if (attempt === 20) throw new Error(`the quick switcher did not narrow to ${name}`);
    if (attempt % 4 === 0) await picker.fill(name);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  // Clicked rather than chosen with Enter: on a loaded machine an Enter pressed in the box was
  // lost (the dialog stayed open, its one match listed), and the shift stalled on it.
  await options.first().click();
  await threadOf(page, name).waitFor();
}

/** Types into the composer and sends; done when the message is in the thread. */
export async function sendFromComposer(page: Page, body: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' });
  const send = page.getByRole('button', { name: 'Send', exact: true });
  // Typed again when Send stays disabled: on a loaded machine, right after a switch, the typed
  // text was once seen gone from the composer before it could be sent.
  await composer.fill(body);
  for (let attempt = 1; !(await send.isEnabled()); attempt += 1) {
    if (attempt === 20) throw new Error(`the composer would not take "${body}"`);
    if (attempt % 4 === 0) await composer.fill(body);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await send.click();
  await messageWithBody(page, body).waitFor();
}

/** Opens the file from its message in the open thread ("Open chart-3.png"): main hands a decrypted copy to the OS. */
export async function openAttachment(page: Page, file: string): Promise<void> {
  await page.getByRole('button', { name: `Open ${file}`, exact: true }).click();
}

/** Lock now; after `lockedMs` with nothing readable, the password brings the open thread back. */
export async function lockAndUnlock(page: Page, nurse: Person, openConversation: string, lockedMs: number): Promise<void> {
  await page.getByRole('button', { name: 'Lock now' }).click();
  await lockHeading(page).waitFor();
  await new Promise((resolve) => setTimeout(resolve, lockedMs));
  await page.getByLabel('Password', { exact: true }).fill(nurse.password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await threadOf(page, openConversation).waitFor();
}
