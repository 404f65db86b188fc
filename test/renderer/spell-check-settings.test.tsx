// @vitest-environment happy-dom
// The composer's spell-check languages in Settings (issue 15, item 2): up to five chosen among
// common dictionaries, none chosen following the app's language, saved at each change.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../preload/contract';
import { lockState } from '../support/view-builders';
import { account, createFakeTiger } from './fake-tiger';
import type { FakeTiger } from './fake-tiger';
import { renderApp } from './render-app';

afterEach(cleanup);

function signedIn(settings: Partial<Settings> = {}): FakeTiger {
  return createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() }, settings });
}

async function openSpellCheck(settingsName = 'Settings', sectionName = 'Spell check'): Promise<HTMLElement> {
  fireEvent.click(await screen.findByRole('button', { name: settingsName }));
  const dialog = await screen.findByRole('dialog', { name: settingsName });
  return within(dialog).findByRole('region', { name: sectionName });
}

const box = (section: HTMLElement, name: string) => within(section).getByRole('checkbox', { name }) as HTMLInputElement;

describe('the spell-check languages in Settings', () => {
  it('follow the app’s language while none is chosen', async () => {
    renderApp(signedIn({ spellCheckLanguages: [] }));
    const section = await openSpellCheck();
    expect(box(section, 'Same as the app’s language').checked).toBe(true);
    expect(box(section, 'English (United States)').checked).toBe(false);
    expect(within(section).getByText('The languages the message box checks your spelling in, up to 5.')).toBeTruthy();
  });

  it('save a language ticked, and a second one beside it', async () => {
    const fake = signedIn({ spellCheckLanguages: [] });
    renderApp(fake);
    const section = await openSpellCheck();
    fireEvent.click(box(section, 'French (France)'));
    await waitFor(() => expect(fake.callsOf('updateSettings')).toEqual([{ spellCheckLanguages: ['fr-FR'] }]));
    await waitFor(() => expect(box(section, 'Same as the app’s language').checked).toBe(false));
    fireEvent.click(box(section, 'English (United Kingdom)'));
    await waitFor(() => expect(fake.callsOf('updateSettings').at(-1)).toEqual({ spellCheckLanguages: ['fr-FR', 'en-GB'] }));
  });

  it('go back to the app’s language when that box is ticked, and untick one by one', async () => {
    const fake = signedIn({ spellCheckLanguages: ['fr-FR', 'de-DE'] });
    renderApp(fake);
    const section = await openSpellCheck();
    fireEvent.click(box(section, 'German (Germany)'));
    await waitFor(() => expect(fake.callsOf('updateSettings')).toEqual([{ spellCheckLanguages: ['fr-FR'] }]));
    fireEvent.click(box(section, 'Same as the app’s language'));
    await waitFor(() => expect(fake.callsOf('updateSettings').at(-1)).toEqual({ spellCheckLanguages: [] }));
  });

  it('offer no sixth language once five are chosen, and keep a chosen one the list lacks', async () => {
    renderApp(signedIn({ spellCheckLanguages: ['en-US', 'fr-FR', 'de-DE', 'es-ES', 'fo'] }));
    const section = await openSpellCheck();
    expect(box(section, 'Faroese').checked).toBe(true);
    expect(box(section, 'Italian (Italy)').disabled).toBe(true);
    expect(box(section, 'English (United States)').disabled).toBe(false);
  });

  it('say that the organization manages where dictionaries come from where hospital IT set it', async () => {
    renderApp(signedIn({ spellCheckDictionaryManaged: true }));
    const section = await openSpellCheck();
    expect(within(section).getByText('Your organization manages where dictionaries come from.')).toBeTruthy();
  });

  it('offer no choice on macOS, whose own spell checker picks the languages', async () => {
    const fake = signedIn();
    fake.api.appInfo = async () => ({ name: 'TigerDesk', version: '0.1.0', platform: 'darwin' });
    renderApp(fake);
    const section = await openSpellCheck();
    expect(await within(section).findByText('On macOS, the system’s spell checker chooses the languages.')).toBeTruthy();
    expect(within(section).queryAllByRole('checkbox')).toEqual([]);
  });

  it('are worded in Spanish, the language names too, when the app speaks Spanish', async () => {
    renderApp(signedIn({ language: 'es', languageChoice: 'es', spellCheckLanguages: ['fr-FR'] }));
    fireEvent.click(await screen.findByRole('button', { name: 'Configuración' }));
    const section = await screen.findByRole('region', { name: 'Revisión ortográfica' });
    expect(box(section, 'El mismo idioma que la aplicación').checked).toBe(false);
    expect(box(section, 'francés (Francia)').checked).toBe(true);
    expect(within(section).getByRole('group', { name: 'Idiomas de la revisión ortográfica' })).toBeTruthy();
  });
});
