// Someone in two organizations, in Chromium against the sandbox: the switcher above the roster
// shows both, choosing one shows its conversations only with the organization named in the
// thread header, and a message sent there arrives in the other person's conversation there.
import { describe, expect, it } from 'vitest';
import { EventStreamReader } from '../sandbox/support/stream';
import { conversationRow, conversations, messageList, messageWithBody, openApp, sendText, signIn, statusOf, thread, troubles } from './support/app-page';
import { useWorld } from './support/e2e-world';
import { createPerson } from './support/sandbox-people';

const world = useWorld();
const settled = { timeout: 10_000 };

describe('several organizations in the window', () => {
  it('switches to Northside, shows only its conversations, names it in the thread, and sends from there', async () => {
    const { apiUrl, organizationKey: hospital, northsideOrganizationKey: clinic } = world().sandbox;
    const [alex, jordan, pat] = await Promise.all([
      createPerson(apiUrl, 'Alex Morgan', [hospital, clinic]),
      createPerson(apiUrl, 'Jordan Lee', [hospital, clinic]),
      createPerson(apiUrl, 'Pat Hospital'),
    ]);
    await jordan.api.sendMessage({ recipient: alex.token, body: 'Bay 4 is ready', senderOrganization: hospital });
    await jordan.api.sendMessage({ recipient: alex.token, body: 'Could you take the Saturday flu clinic?', senderOrganization: clinic });
    await pat.api.sendMessage({ recipient: alex.token, body: 'Sign-out at 5?', senderOrganization: hospital });

    const app = await openApp(world().browser, world().harness.url);
    try {
      const { page } = app;
      await signIn(page, apiUrl, alex);
      // All organizations: Jordan twice (once in each), and Pat.
      await expect.poll(() => conversationRow(page, 'Jordan Lee').count(), settled).toBe(2);
      await conversationRow(page, 'Pat Hospital').waitFor();

      const switcher = page.getByRole('combobox', { name: 'Organization' });
      const options = await switcher.locator('option').allInnerTexts();
      expect(options.map((label) => label.replace(/ \(.*\)$/, ''))).toEqual(['All organizations', 'Tiger General Hospital', 'Northside Clinic']);

      await switcher.selectOption(clinic);
      await expect.poll(() => conversations(page).locator('button.conversation').count(), settled).toBe(1);
      expect(await conversationRow(page, 'Jordan Lee').count()).toBe(1);
      expect(await conversationRow(page, 'Pat Hospital').count()).toBe(0);

      await conversationRow(page, 'Jordan Lee').click();
      await page.getByRole('main', { name: 'Conversation with Jordan Lee' }).waitFor();
      expect(await thread(page).locator('.organization-tag').innerText()).toBe('Northside Clinic');
      await messageWithBody(page, 'Could you take the Saturday flu clinic?').waitFor();
      expect(await messageList(page).locator('.message-body').allInnerTexts()).toEqual(['Could you take the Saturday flu clinic?']);

      await sendText(page, 'Yes, I will take Saturday');
      await expect.poll(() => statusOf(page, 'Yes, I will take Saturday'), settled).toMatch(/Sent|Delivered|Read/);

      // Jordan's other device: the message arrives in Northside, Alex and Jordan's conversation there.
      const request = jordan.api.eventStreamRequest([]);
      const stream = await EventStreamReader.open(request.url, request.headers);
      try {
        const received = await stream.waitFor((event) => event.name === 'message' && event.payload.body === 'Yes, I will take Saturday', 10_000);
        expect([received.payload.sender_token, received.payload.sender_organization, received.payload.recipient_organization]).toEqual([alex.token, clinic, clinic]);
      } finally {
        stream.close();
      }

      // Back to the hospital: its two conversations, and the message sent at Northside is not in Jordan's there.
      await switcher.selectOption(hospital);
      await expect.poll(() => conversations(page).locator('button.conversation').count(), settled).toBe(2);
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
