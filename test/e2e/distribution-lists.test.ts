// The demo's Alex Morgan holds the distribution list "Night shift nurses" (four members, Jordan
// Lee among them), in Chromium against the seeded sandbox: the roster and the thread header say
// it is a list of four, a message sent to it is kept once in the list's conversation, and
// Jordan's answer arrives in Alex and Jordan's own conversation.
import { describe, expect, it } from 'vitest';
import { DEMO_RESPONDER, DEMO_YOU } from '../../sandbox/demo/accounts';
import { EventStreamReader } from '../sandbox/support/stream';
import { conversationRow, messageList, openApp, sendText, signIn, statusOf, thread, troubles } from './support/app-page';
import { useWorld } from './support/e2e-world';
import { demoPerson } from './support/sandbox-people';

const world = useWorld({ seedDemo: true, demoResponderStepMs: 100 });
const settled = { timeout: 10_000 };

describe('a distribution list in the window', () => {
  it('shows the list with its size, sends to it once, and the answer comes in the member\'s own conversation', async () => {
    const { apiUrl, organizationKey: hospital } = world().sandbox;
    const [alex, jordan] = await Promise.all([demoPerson(apiUrl, DEMO_YOU), demoPerson(apiUrl, DEMO_RESPONDER)]);
    const app = await openApp(world().browser, world().harness.url);
    try {
      const { page } = app;
      await signIn(page, apiUrl, alex);
      await page.getByRole('combobox', { name: 'Organization' }).selectOption(hospital);
      const row = conversationRow(page, 'Night shift nurses');
      await expect.poll(() => row.innerText(), settled).toContain('List · 4 members');

      // Alex has no conversation with Jordan at the hospital yet: the list's message makes none.
      expect(await conversationRow(page, 'Jordan Lee').count()).toBe(0);

      await row.click();
      await page.getByRole('main', { name: 'Conversation with Night shift nurses' }).waitFor();
      expect(await thread(page).locator('.thread-header').innerText()).toContain('List · 4 members');
      expect(await page.getByRole('note').innerText()).toContain('Each of the 4 members receives your message on their own');

      const request = jordan.api.eventStreamRequest([]);
      const stream = await EventStreamReader.open(request.url, request.headers);
      try {
        await stream.replayDone();
        await sendText(page, 'Huddle at 7 in the break room');
        await expect.poll(() => statusOf(page, 'Huddle at 7 in the break room'), settled).toMatch(/Sent/);
        // Jordan gets it as a message from Alex to Jordan, not to the list.
        const received = await stream.waitFor((event) => event.name === 'message' && event.payload.body === 'Huddle at 7 in the break room', 10_000);
        expect([received.payload.sender_token, received.payload.recipient_token]).toEqual([alex.token, jordan.token]);
      } finally {
        stream.close();
      }
      expect(await messageList(page).locator('.message-body').allInnerTexts()).toEqual(['Huddle at 7 in the break room']);

      // The demo's Jordan answers, 1:1: the answer starts their conversation; the list's holds none.
      await conversationRow(page, 'Jordan Lee').click(settled);
      await page.getByRole('main', { name: 'Conversation with Jordan Lee' }).waitFor();
      await expect.poll(() => messageList(page).locator('.message-body').count(), settled).toBe(1);
      expect(await messageList(page).locator('.message-body').allInnerTexts()).not.toContain('Huddle at 7 in the break room');
      await row.click();
      await page.getByRole('main', { name: 'Conversation with Night shift nurses' }).waitFor();
      expect(await messageList(page).locator('.message-body').count()).toBe(1);
      expect(await troubles(app)).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
