// @vitest-environment happy-dom
/**
 * A language chosen in Settings (or by hospital IT) rewords the window at once, without a reload
 * (issue 15): main tells the window its settings, the window asks main for the catalog, and every
 * word on screen follows, what was kept to show later (a refused sign-in's reason, a roster that
 * could not load) included.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import en from '../../i18n/catalogs/en.json';
import type { Language } from '../../i18n/languages';
import { applyLanguage } from '../../renderer/src/state/language';
import { lockState } from '../support/view-builders';
import { account, conversation, createFakeTiger } from './fake-tiger';
import type { FakeTiger } from './fake-tiger';
import { renderApp } from './render-app';

// The window's language is one for the whole page: each test leaves it English, as it found it.
afterEach(async () => {
  await applyLanguage({ catalog: async () => en }, 'en');
});

/** Main telling the window its settings changed, the language chosen among them. */
function choose(fake: FakeTiger, language: Language): void {
  fake.settings = { ...fake.settings, language, languageChoice: language };
  fake.emit('settings', fake.settings);
}

const dayShort = (language: string, time: number) => new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric' }).format(time);

function signedIn(): { fake: FakeTiger; mutedUntil: number } {
  const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() } });
  const now = Date.now();
  // Muted for longer than a day: its marker names the date, formatted in the window's language.
  const mutedUntil = now + 40 * 24 * 60 * 60 * 1000;
  fake.conversations.set('u-ann', conversation('u-ann', { name: 'Ann Lee', lastActivity: now - 60_000, unread: 3, mutedUntil }));
  fake.conversations.set('u-bob', conversation('u-bob', { name: 'Bob Osei', lastActivity: now - 120_000 }));
  return { fake, mutedUntil };
}

const rowOf = (name: string) => screen.getByText(name).closest('button') as HTMLElement;

describe('switching the language', () => {
  it('rewords the roster and the shell around it in Spanish, French and English again, without a reload', async () => {
    const { fake, mutedUntil } = signedIn();
    renderApp(fake);
    const list = await screen.findByRole('list', { name: 'Conversations' });
    await within(list).findByText('Ann Lee');
    expect(rowOf('Ann Lee').textContent).toContain('3 unread');
    expect(rowOf('Bob Osei').textContent).toContain('No messages yet');
    expect(rowOf('Ann Lee').querySelector('.roster-marker')?.getAttribute('title')).toBe(`Muted until ${dayShort('en', mutedUntil)}`);

    choose(fake, 'es');
    await waitFor(() => expect(list.getAttribute('aria-label')).toBe('Conversaciones'));
    expect(screen.getByRole('list', { name: 'Conversaciones' })).toBe(list);
    expect(screen.getByRole('navigation').getAttribute('aria-label')).toBe('Conversaciones y búsqueda');
    expect(screen.getByRole('searchbox').getAttribute('placeholder')).toMatch(/^Filtrar o buscar \((Ctrl|⌘)\+K para cambiar\)$/);
    expect(rowOf('Ann Lee').textContent).toContain('3 sin leer');
    expect(rowOf('Bob Osei').textContent).toContain('Aún no hay mensajes');
    expect(rowOf('Ann Lee').querySelector('.roster-marker')?.getAttribute('title')).toBe(`Silenciada hasta el ${dayShort('es', mutedUntil)}`);
    expect(screen.getByRole('button', { name: 'Opciones de la conversación: Ann Lee' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Nueva conversación' }).getAttribute('title')).toMatch(/^Nueva conversación \((Ctrl|⌘)\+N\)$/);
    expect(screen.getByRole('status').textContent).toBe('Conectando…');
    expect(document.documentElement.lang).toBe('es');
    // Asked of main once, when chosen.
    expect(fake.callsOf('catalog')).toEqual([{ language: 'es' }]);

    choose(fake, 'fr');
    await waitFor(() => expect(rowOf('Ann Lee').textContent).toContain('3 non lus'));
    expect(screen.getByRole('list', { name: 'Conversations' })).toBe(list);
    expect(screen.getByRole('navigation').getAttribute('aria-label')).toBe('Conversations et recherche');
    expect(rowOf('Bob Osei').textContent).toContain('Aucun message pour l’instant');
    expect(rowOf('Ann Lee').querySelector('.roster-marker')?.getAttribute('title')).toBe(`En sourdine jusqu’au ${dayShort('fr', mutedUntil)}`);
    expect(screen.getByRole('button', { name: 'Nouvelle conversation' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Connexion…');
    expect(document.documentElement.lang).toBe('fr');

    choose(fake, 'en');
    await waitFor(() => expect(rowOf('Ann Lee').textContent).toContain('3 unread'));
    expect(screen.getByRole('list', { name: 'Conversations' })).toBe(list);
    expect(screen.getByRole('navigation').getAttribute('aria-label')).toBe('Conversations and search');
    expect(rowOf('Bob Osei').textContent).toContain('No messages yet');
    expect(screen.getByRole('button', { name: 'New conversation' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Connecting…');
    expect(document.documentElement.lang).toBe('en');
  });

  it('rewords a roster that could not load, its reason kept as main said it', async () => {
    const { fake } = signedIn();
    fake.failNext('roster', 'The database is locked');
    renderApp(fake);
    expect((await screen.findByRole('alert')).textContent).toBe('The conversations could not be loaded: The database is locked');
    choose(fake, 'es');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('No se pudieron cargar las conversaciones: The database is locked'));
  });

  it('shows the sign-in screen in the language chosen, its button "Iniciar sesión" in Spanish and "Se connecter" in French', async () => {
    const fake = createFakeTiger({ settings: { language: 'es', languageChoice: 'es' } });
    renderApp(fake);
    // Drawn in Spanish from the start: the catalog is had before the first screen.
    expect(await screen.findByRole('button', { name: 'Iniciar sesión' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull();
    expect(screen.getByLabelText('Servidor')).toBeTruthy();

    // A refused sign-in's reason follows a later change of language.
    fireEvent.input(screen.getByLabelText('ID de usuario'), { target: { value: 'ada@example.org' } });
    fireEvent.input(screen.getByLabelText('Contraseña'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Iniciar sesión' }));
    expect((await screen.findByRole('alert')).textContent).toBe('ID de usuario o contraseña incorrectos. Compruébelos y vuelva a intentarlo.');

    choose(fake, 'fr');
    expect(await screen.findByRole('button', { name: 'Se connecter' })).toBeTruthy();
    expect(screen.getByLabelText('Serveur')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('Identifiant ou mot de passe incorrect. Vérifiez-les et réessayez.');

    choose(fake, 'en');
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('Wrong user ID or password. Check them and try again.');
  });
});
