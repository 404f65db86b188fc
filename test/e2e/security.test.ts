// The renderer's defences as Chromium enforces them: the CSP that the app ships, and message
// bodies that stay text whatever they contain.
import { describe, expect, it } from 'vitest';
import { messageWithBody, openApp, openConversation, signIn } from './support/app-page';
import { useWorld } from './support/e2e-world';
import { createPerson } from './support/sandbox-people';

const world = useWorld();

type Marks = { inlineRan?: boolean; pwned?: number; violations: string[] };

describe('the renderer in Chromium, under its own Content-Security-Policy', () => {
  it('refuses to run an inline script and reports the violation', async () => {
    const app = await openApp(world().browser, world().harness.url);
    try {
      await app.page.getByRole('button', { name: 'Sign in' }).waitFor();
      const marks = await app.page.evaluate(async () => {
        const page = window as unknown as { marks: Marks };
        page.marks = { violations: [] };
        const reported = new Promise<void>((resolve) =>
          document.addEventListener('securitypolicyviolation', (event) => {
            page.marks.violations.push(event.effectiveDirective);
            resolve();
          }),
        );
        const script = document.createElement('script');
        script.textContent = 'window.marks.inlineRan = true;';
        document.head.append(script);
        await reported;
        return page.marks;
      });
      expect(marks.inlineRan).toBeUndefined();
      expect(marks.violations).toContain('script-src-elem');
    } finally {
      await app.close();
    }
  });

  it('shows a body of HTML, script and javascript: links as inert text', async () => {
    const [ann, bo] = await Promise.all([createPerson(world().sandbox.apiUrl, 'Ann Adams'), createPerson(world().sandbox.apiUrl, 'Bo Brown')]);
    const body = [
      '<img src=x onerror="window.pwned=1">',
      '<script>window.pwned=2</script>',
      '<a href="javascript:window.pwned=3">open chart</a>',
      'javascript:window.pwned=4',
      '<b>bold</b> <iframe srcdoc="<script>parent.pwned=5</script>"></iframe>',
    ].join(' ');
    await bo.api.sendMessage({ recipient: ann.token, body, senderOrganization: world().sandbox.organizationKey });

    const app = await openApp(world().browser, world().harness.url);
    try {
      await signIn(app.page, world().sandbox.apiUrl, ann);
      await openConversation(app.page, 'Bo Brown');
      const message = messageWithBody(app.page, 'open chart');
      const shown = message.locator('.message-body');
      await shown.waitFor();

      expect(await shown.innerText()).toBe(body);
      expect(await shown.locator('img, script, iframe, b').count()).toBe(0);
      const hrefs = await shown.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
      for (const href of hrefs) expect(href).toMatch(/^(https?:|mailto:)/);
      // Clicking every part of the text runs nothing and goes nowhere.
      await shown.click();
      for (const link of await shown.locator('a').all()) await link.click();
      expect(await app.page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
      expect(app.page.url()).toBe(world().harness.url);
      expect(app.problems).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
