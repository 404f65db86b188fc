// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../renderer/src/state/language';
import { account, conversation, createFakeTiger, message } from './fake-tiger';
import { lockState } from '../support/view-builders';
import { renderApp } from './render-app';

// The window's translator is the module's: each test starts from English again.
afterEach(() => applyLanguage({ catalog: async () => ({}) }, 'en'));

describe('the Language setting', () => {
  it('rewords the Settings dialog, the day headings and the message times at once, without a restart', async () => {
    const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() } });
    const sentAt = Date.now();
    fake.conversations.set('u-ann', conversation('u-ann', { name: 'Ann Lee', lastActivity: sentAt }));
    fake.messages.push(message('m1', 'u-ann', { body: 'Bed 4 is asking for you', createdAt: sentAt, outgoing: true, status: 'delivered' }));
    renderApp(fake);
    fireEvent.click(await screen.findByText('Ann Lee'));
    const list = await screen.findByRole('list', { name: 'Messages' });
    await within(list).findByText('Bed 4 is asking for you');
    expect(within(list).getByRole('heading', { name: 'Today' })).toBeTruthy();
    const time = list.querySelector('time') as HTMLTimeElement;
    expect(time.textContent).toBe(new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' }).format(sentAt));

    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    const choice = within(dialog).getByLabelText(/^Language/) as HTMLSelectElement;
    expect(choice.disabled).toBe(false);
    expect(choice.value).toBe('system');
    expect([...choice.options].map((option) => option.text)).toEqual(['Same as the system', 'English', 'Español', 'Français']);
    fireEvent.change(choice, { target: { value: 'es' } });
    expect(fake.callsOf('updateSettings')).toEqual([{ language: 'es' }]);

    // The dialog is reworded where it stands, and the thread behind it too.
    const reworded = await screen.findByRole('dialog', { name: 'Configuración' });
    expect((within(reworded).getByLabelText(/^Idioma/) as HTMLSelectElement).value).toBe('es');
    expect(within(reworded).getByText('Tema')).toBeTruthy();
    expect(document.documentElement.lang).toBe('es');
    const thread = screen.getByRole('list', { name: 'Mensajes', hidden: true });
    expect(within(thread).getByRole('heading', { name: 'Hoy', hidden: true })).toBeTruthy();
    const spanishTime = thread.querySelector('time') as HTMLTimeElement;
    expect(spanishTime.textContent).toBe(new Intl.DateTimeFormat('es', { hour: '2-digit', minute: '2-digit' }).format(sentAt));
    expect(spanishTime.title).toBe(new Intl.DateTimeFormat('es', { dateStyle: 'medium', timeStyle: 'short' }).format(sentAt));
    expect(within(thread).getByText('Entregado')).toBeTruthy();
    // Only one catalog was asked for: the language changed, not the window.
    expect(fake.callsOf('catalog')).toEqual([{ language: 'es' }]);

    // And back: "Same as the system" (which the fake's OS speaks as English).
    fireEvent.change(within(reworded).getByLabelText(/^Idioma/), { target: { value: 'system' } });
    await screen.findByRole('dialog', { name: 'Settings' });
    await waitFor(() => expect(within(list).getByRole('heading', { name: 'Today', hidden: true })).toBeTruthy());
  });

  it('is shown locked, at the language hospital IT set, when the organization manages it', async () => {
    const fake = createFakeTiger({
      session: { kind: 'signed-in', account, lock: lockState() },
      settings: { managed: ['language'], language: 'en', languageChoice: 'fr' },
    });
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    const choice = within(dialog).getByLabelText(/^Language/) as HTMLSelectElement;
    expect(choice.disabled).toBe(true);
    expect(choice.value).toBe('en');
    expect((choice.closest('label') as HTMLElement).textContent).toContain('(set by your organization)');
    expect(fake.callsOf('catalog')).toEqual([]);
  });
});
