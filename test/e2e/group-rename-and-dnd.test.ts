// Issue 14's group update and Do Not Disturb across clients: each person in their own Chromium
// page with their own core (or their own API client, standing for another device), talking
// through the sandbox. A group renamed in one window is renamed in the other; a colleague's
// Do Not Disturb and its message show in the thread header and above the composer.
import { describe, expect, it } from 'vitest';
import { conversationRow, openConversation, thread, troubles } from './support/app-page';
import { useWorld } from './support/e2e-world';
import { castOf } from './support/cast';

const settled = { timeout: 10_000 };

const world = useWorld();
const { person, signedIn } = castOf(world, 'Tester');

describe('group update and Do Not Disturb across clients', () => {
  it('renames a group in one window, and the other window shows the new name', async () => {
    const [ann, bo] = await Promise.all([person('Ann'), person('Bo')]);
    const group = await bo.api.createGroup({ name: 'Ward 7 nights', members: [ann.token] });
    await bo.api.sendMessage({ recipient: group.token, body: 'Handover at 7', senderOrganization: world().sandbox.organizationKey });
    const [annApp, boApp] = await Promise.all([signedIn(ann), signedIn(bo)]);
    try {
      await conversationRow(boApp.page, 'Ward 7 nights').waitFor(settled);
      await openConversation(annApp.page, 'Ward 7 nights');
      await annApp.page.getByRole('button', { name: 'Group details' }).click();
      const dialog = annApp.page.getByRole('dialog', { name: 'Ward 7 nights' });
      await dialog.getByLabel('Group name').fill('Ward 7 days');
      await dialog.getByRole('button', { name: 'Rename' }).click();
      await conversationRow(annApp.page, 'Ward 7 days').waitFor(settled);
      await conversationRow(boApp.page, 'Ward 7 days').waitFor(settled);
      expect((await bo.api.getGroup(group.token)).name).toBe('Ward 7 days');
      expect(await troubles(boApp)).toEqual([]);
    } finally {
      await Promise.all([annApp.close(), boApp.close()]);
    }
  });

  it('shows a colleague\'s Do Not Disturb and its message, set on their other device, before anything is sent', async () => {
    const [ann, bo] = await Promise.all([person('Ann'), person('Bo')]);
    // Bo is one of Ann's colleagues: they share a group, and have written to each other.
    await bo.api.createGroup({ name: 'Theatre list', members: [ann.token] });
    await bo.api.sendMessage({ recipient: ann.token, body: 'Are you free at 3?', senderOrganization: world().sandbox.organizationKey });
    const annApp = await signedIn(ann);
    try {
      await openConversation(annApp.page, bo.displayName);
      const view = thread(annApp.page);
      expect(await view.locator('.dnd-notice').count()).toBe(0);
      await bo.api.updateSettings(bo.token, { dnd: true, dndText: 'In surgery until 3' });
      await view.getByText('Do not disturb: In surgery until 3', { exact: true }).waitFor(settled);
      expect(await view.getByRole('note').innerText()).toBe(`${bo.displayName} is in Do Not Disturb: In surgery until 3`);
      await bo.api.updateSettings(bo.token, { dnd: false });
      await expect.poll(() => view.getByRole('note').count(), settled).toBe(0);
    } finally {
      await annApp.close();
    }
  });

  it('turns Do Not Disturb on with its message in the settings of one window, and the colleague\'s window shows it', async () => {
    const [ann, bo] = await Promise.all([person('Ann'), person('Bo')]);
    await bo.api.createGroup({ name: 'Clinic rota', members: [ann.token] });
    await ann.api.sendMessage({ recipient: bo.token, body: 'Ping me after clinic', senderOrganization: world().sandbox.organizationKey });
    const [annApp, boApp] = await Promise.all([signedIn(ann), signedIn(bo)]);
    try {
      await openConversation(boApp.page, ann.displayName);
      await annApp.page.getByRole('button', { name: 'Settings' }).click();
      const settings = annApp.page.getByRole('dialog', { name: 'Settings' });
      const text = settings.getByLabel('Do Not Disturb message, seen by colleagues');
      await text.fill('Back at 3');
      await text.press('Tab');
      await settings.getByRole('checkbox', { name: 'Do Not Disturb', exact: true }).check();
      const view = thread(boApp.page);
      await view.getByText('Do not disturb: Back at 3', { exact: true }).waitFor(settled);
      expect(await view.getByRole('note').innerText()).toBe(`${ann.displayName} is in Do Not Disturb: Back at 3`);
      expect(await bo.api.lookupUser(ann.token)).toMatchObject({ dnd: true, dnd_text: 'Back at 3' });
      await settings.getByRole('checkbox', { name: 'Do Not Disturb', exact: true }).uncheck();
      await expect.poll(() => view.getByRole('note').count(), settled).toBe(0);
    } finally {
      await Promise.all([annApp.close(), boApp.close()]);
    }
  });
});
