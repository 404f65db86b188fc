// The demo's Alex Morgan, in Tiger General Hospital and Northside Clinic, in Chromium against
// the seeded sandbox: the switcher above the roster shows both organizations, choosing Northside
// shows its conversations only with the organization named in the thread header, and a message
// sent there arrives in Jordan's Northside conversation (and Jordan answers there).
import { describe, expect, it } from 'vitest';
import { DEMO_RESPONDER, DEMO_YOU } from '../../sandbox/demo/accounts';
import { EventStreamReader } from '../sandbox/support/stream';
import { conversationRow, conversations, messageList, messageWithBody, openApp, sendText, signIn, statusOf, thread, troubles } from './support/app-page';
import { useWorld } from './support/e2e-world';
import { demoPerson } from './support/sandbox-people';

const world = useWorld({ seedDemo: true, demoResponderStepMs: 100 });
const settled = { timeout: 10_000 };

describe('several organizations in the window', () => {
  it('switches to Northside, shows only its conversations, names it in the thread, and sends from there', async () => {
    const { apiUrl, organizationKey: hospital, northsideOrganizationKey: clinic } = world().sandbox;
    const [alex, jordan] = await Promise.all([demoPerson(apiUrl, DEMO_YOU), demoPerson(apiUrl, DEMO_RESPONDER)]);
    // At Northside they already have a conversation (the demo's history); at the hospital, this one.
    await jordan.api.sendMessage({ recipient: alex.token, body: 'Bay 4 is ready', senderOrganization: hospital });

    const app = await openApp(world().browser, world().harness.url);
    try {
      const { page } = app;
      await signIn(page, apiUrl, alex);
      // All organizations: Jordan twice, once in each.
      await expect.poll(() => conversationRow(page, 'Jordan Lee').count(), settled).toBe(2);
      await conversationRow(page, 'ED Charge Team').waitFor();
      await conversationRow(page, 'Northside Huddle').waitFor();

      const switcher = page.getByRole('combobox', { name: 'Organization' });
      const options = await switcher.locator('option').allInnerTexts();
      expect(options.map((label) => label.replace(/ \(.*\)$/, ''))).toEqual(['All organizations', 'Tiger General Hospital', 'Northside Clinic']);

      await switcher.selectOption(clinic);
      await expect.poll(() => conversations(page).locator('button.conversation').count(), settled).toBe(3);
      for (const name of ['Jordan Lee', 'David Osei', 'Northside Huddle']) expect(await conversationRow(page, name).count()).toBe(1);
      expect(await conversationRow(page, 'ED Charge Team').count()).toBe(0);

      // The huddle's messages name their senders: Northside's own Hannah Kim among them.
      await conversationRow(page, 'Northside Huddle').click();
      await messageWithBody(page, 'I can cover triage Saturday.').waitFor();
      await expect.poll(() => messageList(page).locator('.message-sender').allInnerTexts(), settled).toEqual(['Hannah Kim', 'Jordan Lee']);

      await conversationRow(page, 'Jordan Lee').click();
      await page.getByRole('main', { name: 'Conversation with Jordan Lee' }).waitFor();
      expect(await thread(page).locator('.organization-tag').innerText()).toBe('Northside Clinic');
      await messageWithBody(page, 'Could you take the Saturday flu clinic at Northside?').waitFor();
      expect(await messageList(page).locator('.message-body').allInnerTexts()).toEqual(['Could you take the Saturday flu clinic at Northside?']);

      const request = jordan.api.eventStreamRequest([]);
      const stream = await EventStreamReader.open(request.url, request.headers);
      try {
        await stream.replayDone();
        await sendText(page, 'Yes, I will take Saturday');
        await expect.poll(() => statusOf(page, 'Yes, I will take Saturday'), settled).toMatch(/Sent|Delivered|Read/);
        // Jordan's other device: the message arrives in Northside, their conversation there.
        const received = await stream.waitFor((event) => event.name === 'message' && event.payload.body === 'Yes, I will take Saturday', 10_000);
        expect([received.payload.sender_token, received.payload.sender_organization, received.payload.recipient_organization]).toEqual([alex.token, clinic, clinic]);
      } finally {
        stream.close();
      }
      // Jordan answers in Northside: the answer shows in this conversation.
      await expect.poll(() => messageList(page).locator('.message-body').count(), settled).toBe(3);

      // Back to the hospital: Jordan's conversation there holds its own message only.
      await switcher.selectOption(hospital);
      await expect.poll(() => conversationRow(page, 'Northside Huddle').count(), settled).toBe(0);
      await conversationRow(page, 'Jordan Lee').click();
      await messageWithBody(page, 'Bay 4 is ready').waitFor();
      expect(await thread(page).locator('.organization-tag').innerText()).toBe('Tiger General Hospital');
      expect(await messageList(page).locator('.message-body').allInnerTexts()).toEqual(['Bay 4 is ready']);
      expect(await troubles(app)).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
