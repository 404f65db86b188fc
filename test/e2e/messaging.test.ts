// People, each in their own Chromium page with their own core, talking through the sandbox:
// what one does shows up on the other's screen.
import { describe, expect, it } from 'vitest';
import {
  connectionBanner, conversationRow, messageList, messageWithBody, openApp, openConversation, sendText, signIn, startConversation, statusOf, thread, troubles,
} from './support/app-page';
import type { AppPage } from './support/app-page';
import { useWorld } from './support/e2e-world';
import { castOf } from './support/cast';
import type { Person } from './support/sandbox-people';

/** How long a window may take to show what another client did: receipts alone wait a second of quiet (receipt-sender.ts), and CI shares two cores with the whole suite. */
const settled = { timeout: 10_000 };

const world = useWorld();
const { person, signedIn } = castOf(world, 'Tester');

async function pair(): Promise<{ ann: Person; bo: Person; annApp: AppPage; boApp: AppPage }> {
  const [ann, bo] = await Promise.all([person('Ann'), person('Bo')]);
  const [annApp, boApp] = await Promise.all([signedIn(ann), signedIn(bo)]);
  return { ann, bo, annApp, boApp };
}

async function closeAll(...apps: AppPage[]): Promise<void> {
  await Promise.all(apps.map((app) => app.close()));
}

describe('signing in', () => {
  it('shows the conversations already there, with no error on the way', async () => {
    const writer = await person('Dee');
    const readers = await Promise.all([person('Eve'), person('Fay'), person('Gus')]);
    for (const reader of readers) {
      await writer.api.sendMessage({ recipient: reader.token, body: 'Welcome to the ward', senderOrganization: world().sandbox.organizationKey });
    }
    const apps = await Promise.all(readers.map(signedIn));
    try {
      for (const app of apps) {
        await conversationRow(app.page, writer.displayName).waitFor();
        expect(await troubles(app)).toEqual([]);
      }
    } finally {
      await closeAll(...apps);
    }
  });
});

describe('what the window is told', () => {
  it('gets the newest of a backlog it does not show, every message of the thread it shows, and the whole backlog when it opens it', async () => {
    const [cy, reader] = await Promise.all([person('Cy'), person('Ida')]);
    const backlog = Array.from({ length: 30 }, (_, index) => `Obs round ${index + 1}`);
    for (const body of backlog) await cy.api.sendMessage({ recipient: reader.token, body, senderOrganization: world().sandbox.organizationKey });
    const app = await openApp(world().browser, world().harness.url);
    try {
      // What main pushes to this window, as the renderer hears it.
      await app.page.evaluate(() => {
        const seen: { conversationId: string; body: string }[] = [];
        (window as unknown as { seenMessages: typeof seen }).seenMessages = seen;
        (window as unknown as { tiger: { on(event: 'change', listener: (set: { messages: { conversationId: string; body: string }[] }) => void): void } }).tiger
          .on('change', (set) => seen.push(...set.messages.map(({ conversationId, body }) => ({ conversationId, body }))));
      });
      const seen = () => app.page.evaluate(() => (window as unknown as { seenMessages: { conversationId: string; body: string }[] }).seenMessages);
      await signIn(app.page, world().sandbox.apiUrl, reader);
      await conversationRow(app.page, cy.displayName).waitFor();
      // The replay's change sets name the backlog's newest (for its notification), not each of 30.
      const fromBacklog = (await seen()).filter((message) => message.conversationId === cy.token).map((message) => message.body);
      expect(fromBacklog).toContain(backlog.at(-1));
      expect(fromBacklog.length).toBeLessThan(5);

      await openConversation(app.page, cy.displayName);
      await messageWithBody(app.page, backlog.at(-1)!).waitFor();
      const live = ['Bed 3 is back from theatre', 'Obs due at 14:00'];
      for (const body of live) await cy.api.sendMessage({ recipient: reader.token, body, senderOrganization: world().sandbox.organizationKey });
      for (const body of live) await messageWithBody(app.page, body).waitFor();
      // Each once as it arrives, and again as it is read (the thread shown reads it).
      expect(new Set((await seen()).filter((message) => live.includes(message.body)).map((message) => message.body))).toEqual(new Set(live));
      expect(await troubles(app)).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

describe('two people chatting, each in their own window', () => {
  it('sends, receives, shows delivered and read, and shows the other typing', async () => {
    const { ann, bo, annApp, boApp } = await pair();
    try {
      await startConversation(annApp.page, bo);
      await sendText(annApp.page, 'Bed 4 needs a review');
      // Bo's core stores it (delivered) while Bo is looking elsewhere; opening it reads it.
      await conversationRow(boApp.page, ann.displayName).waitFor();
      await expect.poll(() => statusOf(annApp.page, 'Bed 4 needs a review'), settled).toBe('Delivered');
      await openConversation(boApp.page, ann.displayName);
      await messageWithBody(boApp.page, 'Bed 4 needs a review').waitFor();
      await expect.poll(() => statusOf(annApp.page, 'Bed 4 needs a review'), settled).toBe('Read');

      await boApp.page.getByRole('textbox', { name: 'Message' }).pressSequentially('On my');
      await expect.poll(() => annApp.page.locator('.typing').innerText(), settled).toBe(`${bo.displayName} is typing…`);
      await boApp.page.getByRole('textbox', { name: 'Message' }).pressSequentially(' way');
      await boApp.page.getByRole('button', { name: 'Send', exact: true }).click();
      await messageWithBody(annApp.page, 'On my way').waitFor();
      await expect.poll(() => annApp.page.locator('.typing').innerText(), settled).toBe('');

      expect(await troubles(annApp, thread(annApp.page))).toEqual([]);
      expect(await troubles(boApp, thread(boApp.page))).toEqual([]);
    } finally {
      await closeAll(annApp, boApp);
    }
  });

  it('shows a message written while the server is away as queued, and sends it when the server is back', async () => {
    const { ann, bo, annApp, boApp } = await pair();
    try {
      await startConversation(annApp.page, bo);
      await sendText(annApp.page, 'Before the outage');
      await expect.poll(() => statusOf(annApp.page, 'Before the outage'), settled).toMatch(/Delivered|Read/);

      await world().sandbox.stop();
      try {
        await connectionBanner(annApp.page).filter({ hasNotText: /^Connected/ }).waitFor();
        await sendText(annApp.page, 'Written while offline');
        await expect.poll(() => statusOf(annApp.page, 'Written while offline'), settled).toMatch(/^Queued/);
        await expect.poll(() => connectionBanner(annApp.page).innerText(), settled).toContain('1 message queued, will send when online');
      } finally {
        await world().sandbox.start();
      }
      await connectionBanner(annApp.page).filter({ hasText: /^Connected/ }).waitFor({ timeout: 20_000 });
      await openConversation(boApp.page, ann.displayName);
      await messageWithBody(boApp.page, 'Written while offline').waitFor({ timeout: 20_000 });
      await expect.poll(() => statusOf(annApp.page, 'Written while offline'), { timeout: 20_000 }).toBe('Read');
      expect(await connectionBanner(annApp.page).innerText()).not.toContain('queued');
      // Sent once, shown once, after the one written before it.
      const bodies = await messageList(boApp.page).locator('.message-body').allInnerTexts();
      expect(bodies).toEqual(['Before the outage', 'Written while offline']);
    } finally {
      await closeAll(annApp, boApp);
    }
  });

  it('sends a dropped image that the other person sees previewed', async () => {
    const { ann, bo, annApp, boApp } = await pair();
    try {
      await startConversation(annApp.page, bo);
      const png = await annApp.page.evaluateHandle(async () => {
        const canvas = document.createElement('canvas');
        canvas.width = 40;
        canvas.height = 30;
        const context = canvas.getContext('2d');
        if (context === null) throw new Error('no 2d canvas');
        context.fillStyle = '#c0392b';
        context.fillRect(0, 0, 40, 30);
        const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
        if (blob === null) throw new Error('no PNG');
        const transfer = new DataTransfer();
        transfer.items.add(new File([blob], 'wound-photo.png', { type: 'image/png' }));
        return transfer;
      });
      await annApp.page.getByRole('main', { name: `Conversation with ${bo.displayName}` }).dispatchEvent('drop', { dataTransfer: png });
      await annApp.page.getByRole('button', { name: 'Remove attachment wound-photo.png' }).waitFor();
      await sendText(annApp.page, 'Photo of the wound');

      await openConversation(boApp.page, ann.displayName);
      const preview = messageWithBody(boApp.page, 'Photo of the wound').getByRole('img', { name: 'wound-photo.png' });
      await preview.waitFor();
      await expect.poll(() => preview.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth), settled).toBe(40);
      expect(await preview.getAttribute('src')).toMatch(/^blob:/);
      expect(await troubles(boApp, thread(boApp.page))).toEqual([]);
    } finally {
      await closeAll(annApp, boApp);
    }
  });

  it('creates a group with one person and adds another, who then sees it', async () => {
    const [ann, bo, cy] = await Promise.all([person('Ann'), person('Bo'), person('Cy')]);
    const [annApp, cyApp] = await Promise.all([signedIn(ann), signedIn(cy)]);
    // Named after its maker, so that it is the one group of that name in the file's sandbox.
    const groupName = `Ward 7 night shift of ${ann.displayName}`;
    try {
      const page = annApp.page;
      await page.getByRole('button', { name: 'New group' }).click();
      await page.getByRole('textbox', { name: 'Group name' }).fill(groupName);
      await page.getByRole('searchbox', { name: 'Find people to add' }).fill(bo.email);
      await page.getByRole('button', { name: `Add ${bo.displayName}`, exact: true }).click();
      await page.getByRole('button', { name: 'Create group' }).click();
      await page.getByRole('main', { name: `Conversation with ${groupName}` }).waitFor();
      await sendText(page, 'Handover at 7');

      await page.getByRole('button', { name: 'Group details' }).click();
      await page.getByRole('button', { name: 'Add members' }).click();
      await page.getByRole('searchbox', { name: 'Find people to add' }).fill(cy.email);
      await page.getByRole('button', { name: `Add ${cy.displayName}`, exact: true }).click();
      await page.getByRole('dialog').getByRole('status').filter({ hasText: `${cy.displayName} will be added.` }).waitFor();
      // The open details follow the change until the server has it: Cy listed, nothing pending.
      const openMembers = page.getByRole('list', { name: 'Members' });
      await page.getByRole('heading', { name: 'Members (3)' }).waitFor();
      await openMembers.getByText(cy.displayName, { exact: true }).waitFor();
      await expect.poll(() => openMembers.getByText('Being added').count(), settled).toBe(0);

      // Cy's window learns of the group from the server, with what was said before Cy joined.
      await openConversation(cyApp.page, groupName);
      await messageWithBody(cyApp.page, 'Handover at 7').waitFor();
      // The details, opened afresh, list everyone.
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Group details' }).click();
      const members = page.getByRole('list', { name: 'Members' });
      await members.getByText(cy.displayName, { exact: true }).waitFor();
      expect(await members.getByText(bo.displayName, { exact: true }).count()).toBe(1);
      expect(await troubles(annApp, thread(annApp.page))).toEqual([]);
    } finally {
      await closeAll(annApp, cyApp);
    }
  });

  it('shows a group\'s picture, fetched by the core and shown through a blob URL', async () => {
    const [ann, bo] = await Promise.all([person('Ann'), person('Bo')]);
    const annApp = await signedIn(ann);
    const groupName = `Theatre 2 list of ${ann.displayName}`;
    try {
      const bytes = await annApp.page.evaluate(async () => {
        const canvas = document.createElement('canvas');
        canvas.width = 24;
        canvas.height = 24;
        const context = canvas.getContext('2d');
        if (context === null) throw new Error('no 2d canvas');
        context.fillStyle = '#2471a3';
        context.fillRect(0, 0, 24, 24);
        const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
        if (blob === null) throw new Error('no PNG');
        return [...new Uint8Array(await blob.arrayBuffer())];
      });
      await bo.api.createGroup({ name: groupName, members: [ann.token], avatar: { name: 'theatre.png', contentType: 'image/png', bytes: new Uint8Array(bytes) } });
      const row = conversationRow(annApp.page, groupName);
      await row.waitFor();
      const picture = row.locator('img.avatar');
      await expect.poll(() => picture.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth), settled).toBe(24);
      expect(await picture.getAttribute('src')).toMatch(/^blob:/);
      // The thread header shows the same picture: one blob URL for both.
      await openConversation(annApp.page, groupName);
      const header = annApp.page.locator('header.thread-header img.avatar');
      await expect.poll(() => header.getAttribute('src'), settled).toBe(await picture.getAttribute('src'));
      expect(await troubles(annApp)).toEqual([]);
    } finally {
      await closeAll(annApp);
    }
  });

  it('shows a person\'s picture from their server, fetched by the core and shown through a blob URL', async () => {
    const [ann, bo] = await Promise.all([person('Ann'), person('Bo')]);
    const annApp = await signedIn(ann);
    try {
      await startConversation(annApp.page, bo);
      await sendText(annApp.page, 'Picture check');
      // The sandbox draws every person a 32x32 picture; the roster row and the thread header show it.
      const picture = conversationRow(annApp.page, bo.displayName).locator('img.avatar');
      await expect.poll(() => picture.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth), settled).toBe(32);
      expect(await picture.getAttribute('src')).toMatch(/^blob:/);
      const header = annApp.page.locator('header.thread-header img.avatar');
      await expect.poll(() => header.getAttribute('src'), settled).toBe(await picture.getAttribute('src'));
      expect(await troubles(annApp)).toEqual([]);
    } finally {
      await closeAll(annApp);
    }
  });

  it('recalls a sent message from both screens', async () => {
    const { ann, bo, annApp, boApp } = await pair();
    try {
      await startConversation(annApp.page, bo);
      await sendText(annApp.page, 'Wrong patient, ignore');
      await openConversation(boApp.page, ann.displayName);
      await messageWithBody(boApp.page, 'Wrong patient, ignore').waitFor();

      const mine = messageWithBody(annApp.page, 'Wrong patient, ignore');
      await mine.hover();
      await mine.getByRole('button', { name: 'Recall' }).click();
      await mine.getByRole('button', { name: 'Confirm recall' }).click();
      await messageList(annApp.page).getByText('This message was recalled.').waitFor();
      await messageList(boApp.page).getByText('This message was recalled.').waitFor();
      expect(await messageList(boApp.page).getByText('Wrong patient, ignore').count()).toBe(0);
      expect(await troubles(annApp, thread(annApp.page))).toEqual([]);
    } finally {
      await closeAll(annApp, boApp);
    }
  });
});
