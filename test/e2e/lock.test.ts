// The lock in the app itself (each person in their own Chromium page with their own core,
// through the sandbox): Lock now and Ctrl+L leave nothing readable in the page, messages keep
// arriving while locked, and the password brings the thread back.
import { describe, expect, it } from 'vitest';
import { conversationRow, messageWithBody, openConversation, signIn, troubles } from './support/app-page';
import type { AppPage } from './support/app-page';
import { useWorld } from './support/e2e-world';
import { castOf } from './support/cast';
import type { Person } from './support/sandbox-people';

const settled = { timeout: 10_000 };

const world = useWorld();
const { person, signedIn } = castOf(world, 'Lock');

async function messageFrom(sender: Person, to: Person, body: string): Promise<string> {
  return (await sender.api.sendMessage({ recipient: to.token, body, senderOrganization: world().sandbox.organizationKey })).messageId;
}

/** What the recipient's app told the server of the message: delivered once its core stored it. */
async function statusAtRecipient(sender: Person, token: string): Promise<string | undefined> {
  return (await sender.api.getMessageStatus(token)).statuses[0]?.status;
}

const lockHeading = (app: AppPage) => app.page.getByRole('heading', { name: 'TigerDesk is locked' });

describe('locking the window', () => {
  it('"Lock now" leaves no message text or name in the page; a message that comes meanwhile is there after unlocking with the password', async () => {
    const [ann, bo] = await Promise.all([person('Ann'), person('Bo')]);
    await messageFrom(ann, bo, 'Bed 7 needs a line');
    const boApp = await signedIn(bo);
    try {
      await openConversation(boApp.page, ann.displayName);
      await messageWithBody(boApp.page, 'Bed 7 needs a line').waitFor(settled);

      await boApp.page.getByRole('button', { name: 'Lock now' }).click();
      await lockHeading(boApp).waitFor();
      const meanwhile = await messageFrom(ann, bo, 'Bed 7 line is in');
      // Stored by Bo's app while locked (its receipt says delivered), and still nothing in the page.
      await expect.poll(() => statusAtRecipient(ann, meanwhile), settled).toBe('Delivered');
      const html = await boApp.page.content();
      for (const text of ['Bed 7', ann.displayName, 'Ann Lock']) expect(html).not.toContain(text);

      await boApp.page.getByLabel('Password', { exact: true }).fill('not my password');
      await boApp.page.getByRole('button', { name: 'Unlock' }).click();
      await expect.poll(() => boApp.page.getByRole('alert').allInnerTexts(), settled).toEqual(['Wrong password']);
      await expect(lockHeading(boApp).count()).resolves.toBe(1);

      await boApp.page.getByLabel('Password', { exact: true }).fill(bo.password);
      await boApp.page.getByRole('button', { name: 'Unlock' }).click();
      // The thread open before the lock is open again, with what came meanwhile.
      await boApp.page.getByRole('main', { name: `Conversation with ${ann.displayName}` }).waitFor(settled);
      await messageWithBody(boApp.page, 'Bed 7 line is in').waitFor(settled);
      await messageWithBody(boApp.page, 'Bed 7 needs a line').waitFor(settled);
      expect(await troubles(boApp)).toEqual([]);
    } finally {
      await boApp.close();
    }
  });

  it('locks with Ctrl+L, and "Switch user" signs another person in while the locked account waits for its own password', async () => {
    const [cy, dee, eli] = await Promise.all([person('Cy'), person('Dee'), person('Eli')]);
    await messageFrom(eli, cy, 'Room 3 is ready');
    const app = await signedIn(cy);
    try {
      await conversationRow(app.page, eli.displayName).waitFor(settled);
      await app.page.keyboard.press('Control+l');
      await lockHeading(app).waitFor();
      expect(await app.page.content()).not.toContain('Room 3');

      await app.page.getByRole('button', { name: 'Switch user' }).click();
      await signIn(app.page, world().sandbox.apiUrl, dee);
      expect(await conversationRow(app.page, eli.displayName).count()).toBe(0);

      // Back to Cy from Settings: the password is asked for first.
      await app.page.getByRole('button', { name: 'Settings' }).click();
      await app.page.getByRole('button', { name: `Switch to ${cy.displayName}` }).click();
      await lockHeading(app).waitFor(settled);
      expect(await app.page.content()).not.toContain('Room 3');
      await app.page.getByLabel('Password', { exact: true }).fill(cy.password);
      await app.page.getByRole('button', { name: 'Unlock' }).click();
      await conversationRow(app.page, eli.displayName).waitFor(settled);
      expect(await troubles(app)).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
