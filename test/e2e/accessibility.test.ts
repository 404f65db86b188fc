// Every main screen, in the light and the dark theme: axe-core finds no violation, and a
// screenshot of each is saved to screenshots/ (git-ignored) for people to look at.
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeFile, axePath } from '../harness/harness-server';
import { integrityOf } from '../../scripts/script-hashes';
import { messageWithBody, openApp, openConversation, signIn } from './support/app-page';
import { useWorld } from './support/e2e-world';
import { createPerson } from './support/sandbox-people';
import type { Person } from './support/sandbox-people';

const screenshots = fileURLToPath(new URL('../../screenshots/', import.meta.url));

const world = useWorld();
let ann: Person;
let bo: Person;

beforeAll(async () => {
  await mkdir(screenshots, { recursive: true });
  bo = await createPerson(world().sandbox.apiUrl, 'Bo Brown');
  ann = await createPerson(world().sandbox.apiUrl, 'Ann Adams');
  const organization = world().sandbox.organizationKey;
  await bo.api.sendMessage({ recipient: ann.token, body: 'Bed 4 is asking for you, BP 150/95.', senderOrganization: organization, priority: 1 });
  await ann.api.sendMessage({ recipient: bo.token, body: 'On my way, 5 minutes. Notes: https://intranet.example/bed-4', senderOrganization: organization });
  await bo.api.sendMessage({ recipient: ann.token, body: 'Thanks.', senderOrganization: organization });
});

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };

/** axe-core from the harness's own origin, with the integrity the harness's policy lists: the page's CSP stays as strict as the app's. */
async function violations(page: Page): Promise<string[]> {
  const axe = { src: new URL(axePath, page.url()).href, integrity: integrityOf(await readFile(axeFile)) };
  await page.evaluate(
    ({ src, integrity }) =>
      new Promise<void>((resolve, reject) => {
        const script = Object.assign(document.createElement('script'), { src, integrity });
        script.addEventListener('load', () => resolve());
        script.addEventListener('error', () => reject(new Error('axe-core did not load')));
        document.head.append(script);
      }),
    axe,
  );
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return found.map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`);
}

async function check(page: Page, screen: string, theme: string): Promise<void> {
  await page.screenshot({ path: `${screenshots}${screen}-${theme}.png` });
  expect(await violations(page), `${screen} in the ${theme} theme`).toEqual([]);
}

describe.each(['light', 'dark'] as const)('the main screens in the %s theme', (theme) => {
  it('have no accessibility violations: sign-in, conversation, settings, new conversation, new group and keyboard help', async () => {
    const app = await openApp(world().browser, world().harness.url, { colorScheme: theme });
    const page = app.page;
    try {
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      await check(page, 'sign-in', theme);

      await signIn(page, world().sandbox.apiUrl, ann);
      await openConversation(page, 'Bo Brown');
      await messageWithBody(page, 'Thanks.').waitFor();
      await check(page, 'conversation', theme);

      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('dialog').waitFor();
      await check(page, 'settings', theme);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      await page.getByRole('button', { name: 'New conversation' }).click();
      await page.getByRole('searchbox', { name: 'Search people' }).fill(bo.email);
      await page.getByRole('button', { name: `Message ${bo.displayName}`, exact: true }).waitFor();
      await check(page, 'new-conversation', theme);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      await page.getByRole('button', { name: 'New group' }).click();
      await page.getByRole('dialog').waitFor();
      await check(page, 'new-group', theme);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      await page.keyboard.press('F1');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
      await check(page, 'keyboard-help', theme);
      expect(app.problems).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

describe('high contrast and reduced motion', () => {
  it('in forced colors the selected conversation, badges and bubbles keep an outline or border; with reduced motion nothing animates', async () => {
    const app = await openApp(world().browser, world().harness.url);
    const page = app.page;
    try {
      await signIn(page, world().sandbox.apiUrl, ann);
      await openConversation(page, 'Bo Brown');
      await messageWithBody(page, 'Thanks.').waitFor();
      const style = (selector: string, property: string) =>
        page.locator(selector).first().evaluate((element, name) => getComputedStyle(element).getPropertyValue(name), property);

      // Without forced colors the selection is a tint and an inset shadow, which Windows high contrast removes.
      expect(await style('.conversation.selected', 'outline-style')).toBe('none');
      await page.emulateMedia({ forcedColors: 'active' });
      expect(await style('.conversation.selected', 'outline-style')).toBe('solid');
      expect(await style('.bubble', 'border-top-style')).toBe('solid');
      await page.emulateMedia({ forcedColors: 'none' });

      await page.emulateMedia({ reducedMotion: 'reduce' });
      expect(await style('button', 'transition-duration')).toBe('0s');
      await page.emulateMedia({ reducedMotion: 'no-preference' });
      expect(await style('button', 'transition-duration')).toBe('0.12s');
      await page.emulateMedia({ forcedColors: 'active' });
      await check(page, 'conversation-forced-colors', 'light');
      expect(app.problems).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
