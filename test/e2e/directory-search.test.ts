// Finding a colleague by the start of their name in the real window: the directory search of
// the new-conversation dialog against the sandbox, and the conversation it opens.
import { describe, expect, it } from 'vitest';
import { openApp, signIn, troubles } from './support/app-page';
import { useWorld } from './support/e2e-world';
import { createPerson } from './support/sandbox-people';

const world = useWorld();

describe('directory search', () => {
  it('finds Jordan Lee by typing "jor" in a new conversation, and opens the conversation with him', async () => {
    const [me, jordan] = await Promise.all([
      createPerson(world().sandbox.apiUrl, 'Casey Searcher'),
      createPerson(world().sandbox.apiUrl, 'Jordan Lee'),
      createPerson(world().sandbox.apiUrl, 'Alex Morgan'),
    ]);
    const app = await openApp(world().browser, world().harness.url);
    try {
      const { page } = app;
      await signIn(page, world().sandbox.apiUrl, me);
      await page.getByRole('button', { name: 'New conversation' }).click();
      const dialog = page.getByRole('dialog', { name: 'New conversation' });
      const box = dialog.getByRole('searchbox', { name: 'Search people and groups' });
      expect(await box.getAttribute('placeholder')).toContain('Name, email or phone');
      await box.pressSequentially('jor', { delay: 40 });
      const found = dialog.getByRole('list', { name: 'People found' }).getByRole('listitem');
      await found.filter({ hasText: 'Jordan Lee' }).waitFor();
      expect(await found.allInnerTexts()).toEqual([expect.stringMatching(/^JL\s+Jordan Lee\s+Tiger General Hospital\s+Message$/)]);
      await dialog.getByRole('button', { name: 'Message Jordan Lee', exact: true }).click();
      await page.getByRole('main', { name: 'Conversation with Jordan Lee' }).waitFor();
      await page.getByRole('textbox', { name: 'Message' }).fill('Found you by name');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await expect.poll(async () => (await jordan.api.getRoster()).map((entry) => entry.token), { timeout: 10_000 }).toContain(me.token);
      expect(await troubles(app)).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
