// @vitest-environment happy-dom
// The attachment image right-clicked is named to main (contextTarget) as the page's contextmenu
// event starts, so that main's context menu can offer "Save image…" for it (issue 15, item 2).
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { lockState } from '../support/view-builders';
import { account, conversation, createFakeTiger, message } from './fake-tiger';
import { renderApp } from './render-app';

describe('right-clicking an image in the thread', () => {
  it('names its message and preview URL to main, and leaves the menu to main', async () => {
    const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() } });
    fake.conversations.set('u-ann', conversation('u-ann', { name: 'Ann Lee', lastActivity: Date.now() }));
    fake.messages.push(message('img', 'u-ann', { body: '', attachment: { name: 'wound.png', contentType: 'image/png', size: 2048 }, createdAt: Date.now() - 2000 }));
    renderApp(fake);
    fireEvent.click(await screen.findByText('Ann Lee'));
    const list = await screen.findByRole('list', { name: 'Messages' });
    const image = (await within(list).findByRole('img', { name: 'wound.png' })) as HTMLImageElement;
    // Not prevented: Chromium then asks main for the context menu.
    expect(fireEvent.contextMenu(image)).toBe(true);
    await waitFor(() => expect(fake.callsOf('contextTarget')).toEqual([{ messageId: 'img', src: image.getAttribute('src') }]));
    expect(image.getAttribute('src')).toMatch(/^blob:/);
  });
});
