// A TigerDesk window in Chromium through the harness, driven by what a person sees:
// accessible names and roles, explicit waits, no sleeps.
import type { Browser, Locator, Page } from 'playwright-core';
import type { Person } from './sandbox-people';

export interface AppPage {
  page: Page;
  /** Uncaught errors and CSP violations the page reported; a clean run leaves it empty. */
  problems: string[];
  close(): Promise<void>;
}

/** A fresh browser context (nothing shared with another page) on the harness. */
/** `locale`: the browser's language (navigator.language, Accept-Language), which the app takes for the OS's. */
export async function openApp(browser: Browser, harnessUrl: string, options: { colorScheme?: 'light' | 'dark'; locale?: string } = {}): Promise<AppPage> {
  const context = await browser.newContext({ colorScheme: options.colorScheme ?? 'light', viewport: { width: 1200, height: 760 }, locale: options.locale ?? 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await page.goto(harnessUrl);
  return { page, problems, close: () => context.close() };
}

export async function signIn(page: Page, server: string, person: Person): Promise<void> {
  await page.getByRole('textbox', { name: 'Server' }).fill(server);
  await page.getByRole('textbox', { name: 'User ID' }).fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('list', { name: 'Conversations' }).waitFor({ state: 'attached' });
  await connectionBanner(page).filter({ hasText: /^Connected/ }).waitFor();
}

export function connectionBanner(page: Page): Locator {
  return page.locator('.banner[role="status"]');
}

export function conversations(page: Page): Locator {
  return page.getByRole('list', { name: 'Conversations' });
}

export function messageList(page: Page): Locator {
  return page.getByRole('list', { name: 'Messages' });
}

/** The message whose body is exactly `body`. */
export function messageWithBody(page: Page, body: string): Locator {
  return messageList(page).locator('article').filter({ has: page.locator('.message-body', { hasText: body }) });
}

/** The roster row of the conversation named exactly `name`. */
export function conversationRow(page: Page, name: string): Locator {
  return conversations(page).locator('button.conversation').filter({ has: page.getByText(name, { exact: true }) });
}

export async function openConversation(page: Page, name: string): Promise<void> {
  await conversationRow(page, name).click();
  await page.getByRole('main', { name: `Conversation with ${name}` }).waitFor();
}

/** Starts a conversation the way a person does: New conversation, search by email, Message. */
export async function startConversation(page: Page, someone: Pick<Person, 'email' | 'displayName'>): Promise<void> {
  await page.getByRole('button', { name: 'New conversation' }).click();
  await page.getByRole('searchbox', { name: 'Search people' }).fill(someone.email);
  await page.getByRole('button', { name: `Message ${someone.displayName}`, exact: true }).click();
  await page.getByRole('main', { name: `Conversation with ${someone.displayName}` }).waitFor();
}

/** The status line of the message with body `body`: Queued, Sent, Delivered, Read… */
export function statusOf(page: Page, body: string): Promise<string> {
  return messageWithBody(page, body).locator('.message-status').innerText();
}

/** What the page reported to the console, and the errors (role alert) it shows, in `within` or anywhere. */
export async function troubles(app: AppPage, within?: Locator): Promise<string[]> {
  const alerts = await (within ?? app.page.locator('body')).getByRole('alert').allInnerTexts();
  return [...app.problems, ...alerts.map((text) => `alert: ${text}`)];
}

/** The open conversation: its messages, typing line and composer. */
export function thread(page: Page): Locator {
  return page.locator('main.thread');
}

export async function sendText(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}
