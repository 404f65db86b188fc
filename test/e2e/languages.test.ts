// TigerDesk in the clinician's own language, end to end in Chromium: the browser's language is
// what the desktop reports as the OS's (the stand-in's app.getLocale()), so a Spanish or French
// browser gets a Spanish or French window, from the sign-in screen on, with dates in its
// language; a language chosen in Settings rewords the window at once, without a restart.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, troubles } from './support/app-page';
import { useWorld } from './support/e2e-world';
import { createPerson } from './support/sandbox-people';
import type { Person } from './support/sandbox-people';

const world = useWorld();

/** Signs in through the form whatever its language: the fields by their names, the button by the words given. */
async function signInAs(page: Page, person: Person, signInButton: string): Promise<void> {
  await page.locator('input[name="server"]').fill(world().sandbox.apiUrl);
  await page.locator('input[name="user-id"]').fill(person.email);
  await page.locator('input[name="password"]').fill(person.password);
  await page.getByRole('button', { name: signInButton, exact: true }).click();
}

describe.each([
  { locale: 'es-ES', lang: 'es', signIn: 'Iniciar sesión', conversations: 'Conversaciones', today: 'hoy' },
  { locale: 'fr-FR', lang: 'fr', signIn: 'Se connecter', conversations: 'Conversations', today: 'aujourd’hui' },
])('a browser in $locale', ({ locale, lang, signIn, conversations, today }) => {
  it(`shows the window in its language: "${signIn}", then "${conversations}" and the day's heading`, async () => {
    const [me, colleague] = await Promise.all([
      createPerson(world().sandbox.apiUrl, `Lucia Idioma-${lang}`),
      createPerson(world().sandbox.apiUrl, `Marc Langue-${lang}`),
    ]);
    await colleague.api.sendMessage({ recipient: me.token, body: `Hola ${lang}`, senderOrganization: world().sandbox.organizationKey });
    const app = await openApp(world().browser, world().harness.url, { locale });
    try {
      const { page } = app;
      await page.getByRole('button', { name: signIn, exact: true }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      await signInAs(page, me, signIn);
      const list = page.getByRole('list', { name: conversations, exact: true });
      await list.waitFor({ state: 'attached' });
      await list.locator('button.conversation').filter({ hasText: colleague.displayName }).click();
      // The heading above today's messages, in the window's language.
      await expect.poll(() => page.locator('.day-heading').first().innerText().then((text) => text.toLowerCase()), { timeout: 10_000 }).toContain(today);
      expect(await troubles(app)).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

describe('a language chosen in Settings', () => {
  it('rewords the window at once, and "Same as the system" gives the browser’s back', async () => {
    const me = await createPerson(world().sandbox.apiUrl, 'Ana Ajustes');
    const app = await openApp(world().browser, world().harness.url, { locale: 'en-US' });
    try {
      const { page } = app;
      await signInAs(page, me, 'Sign in');
      await page.getByRole('list', { name: 'Conversations', exact: true }).waitFor({ state: 'attached' });
      await page.getByRole('button', { name: 'Settings' }).click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      await dialog.getByRole('combobox', { name: 'Language' }).selectOption('es');
      await page.getByRole('list', { name: 'Conversaciones', exact: true }).waitFor({ state: 'attached' });
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
      await page.getByRole('dialog', { name: 'Configuración' }).getByRole('combobox', { name: 'Idioma' }).selectOption('system');
      await page.getByRole('list', { name: 'Conversations', exact: true }).waitFor({ state: 'attached' });
      expect(await troubles(app)).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
