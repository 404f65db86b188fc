// An urgent message in the app itself (each person in their own Chromium page with their own
// core, through the sandbox): the banner says so and names the sender until the message is
// read, here or on another device.
import { describe, expect, it } from 'vitest';
import { messageWithBody, troubles } from './support/app-page';
import { useWorld } from './support/e2e-world';
import { castOf } from './support/cast';
import type { Person } from './support/sandbox-people';

/** Reads travel through the server and the event stream; CI shares two cores with the whole suite. */
const settled = { timeout: 10_000 };

const world = useWorld();
const { person, signedIn } = castOf(world, 'Urgent');

async function urgentFrom(sender: Person, to: Person, body: string): Promise<string> {
  const sent = await sender.api.sendMessage({ recipient: to.token, body, priority: 1, senderOrganization: world().sandbox.organizationKey });
  return sent.messageId;
}

describe('an urgent message', () => {
  it('shows a banner naming the sender, which goes once the message is read on another device', async () => {
    const [ann, bo] = await Promise.all([person('Ann'), person('Bo')]);
    const boApp = await signedIn(bo);
    try {
      const token = await urgentFrom(ann, bo, 'Bed 4 crashing, come now');
      const banner = boApp.page.getByRole('alert');
      await expect.poll(() => banner.allInnerTexts(), settled).toEqual([`Urgent message from ${ann.displayName}\nOpen`]);
      // Bo reads it on their phone: the same person, another key.
      await bo.api.updateMessageStatus({ read: [token] });
      await expect.poll(() => banner.count(), settled).toBe(0);
      expect(await troubles(boApp)).toEqual([]);
    } finally {
      await boApp.close();
    }
  });

  it('"Open" opens its conversation; reading it there ends the alert', async () => {
    const [ann, bo] = await Promise.all([person('Ann'), person('Bo')]);
    const boApp = await signedIn(bo);
    try {
      await urgentFrom(ann, bo, 'Patient in bed 2 is hypotensive');
      const banner = boApp.page.getByRole('alert');
      await banner.getByRole('button', { name: 'Open' }).click(settled);
      await messageWithBody(boApp.page, 'Patient in bed 2 is hypotensive').waitFor(settled);
      await expect.poll(() => banner.count(), settled).toBe(0);
      expect(await troubles(boApp)).toEqual([]);
    } finally {
      await boApp.close();
    }
  });
});
