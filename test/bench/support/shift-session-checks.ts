/**
 * What the shift must have done, checked after it, through the window's own `window.tiger`
 * (what the app stored), the desktop's records (files handed to the OS) and the colleagues'
 * streams (what reached them). Any shortfall throws: a figure from a shift that lost messages
 * would measure something else.
 */
import { basename } from 'node:path';
import type { Page } from 'playwright-core';
import type { TigerBridge } from '../../../preload/contract';
import type { AppProcess } from '../../desktop/app-process/parent';
import type { ShiftPlan } from './shift-session-plan';
import { attachmentFile, colleagueName, incomingBody, incomingMessages, sentBody } from './shift-session-plan';
import type { Ward } from './shift-session-ward';
import { copiesReceived } from './shift-session-ward';

interface HeldMessage {
  body: string;
  outgoing: boolean;
  status: string;
  attachment: string | null;
}

/** Every message the app holds, by conversation name, read a page at a time as the window reads them. */
function heldMessages(page: Page): Promise<Record<string, HeldMessage[]>> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  return page.evaluate(async () => {
    const tiger = (globalThis as unknown as { tiger: TigerBridge }).tiger;
    const held: Record<string, HeldMessage[]> = {};
    const roster = await tiger.roster();
    if (!roster.ok) throw new Error(`roster: ${JSON.stringify(roster.error)}`);
    for (const conversation of roster.value.conversations) {
      const messages: HeldMessage[] = [];
      let before: string | undefined;
      for (;;) {
        const reply = await tiger.threadPage({ conversationId: conversation.id, limit: 500, ...(before === undefined ? {} : { before }) });
        if (!reply.ok) throw new Error(`threadPage: ${JSON.stringify(reply.error)}`);
        for (const m of reply.value.messages) messages.push({ body: m.body, outgoing: m.outgoing, status: m.status, attachment: m.attachment?.name ?? null });
        if (!reply.value.hasMore || reply.value.messages.length === 0) break;
        before = reply.value.messages[0]!.id;
      }
      held[conversation.name] = messages;
    }
    return held;
  });
}

/** How often each wanted text occurs among `texts`. */
function tally(texts: readonly string[], wanted: ReadonlySet<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) if (wanted.has(text)) counts.set(text, (counts.get(text) ?? 0) + 1);
  return counts;
}

function expectOnce(what: string, wanted: ReadonlySet<string>, counts: ReadonlyMap<string, number>): void {
  const missing = [...wanted].filter((body) => !counts.has(body));
  const doubled = [...counts].filter(([, count]) => count > 1).map(([body]) => body);
  if (missing.length > 0 || doubled.length > 0) {
    throw new Error(`${what}: ${missing.length} missing (${missing.slice(0, 3).join(', ')}), ${doubled.length} more than once (${doubled.slice(0, 3).join(', ')})`);
  }
}

/** Waits (up to `timeoutMs`) until the app holds every incoming message, then checks the whole shift. */
export async function checkShift(page: Page, app: AppProcess, ward: Ward, plan: ShiftPlan, timeoutMs: number): Promise<void> {
  const incoming = new Set(incomingMessages(plan).map((message) => incomingBody(message.index)));
  const attachments = new Set(Array.from({ length: plan.attachments }, (_, index) => attachmentFile(index)));
  const deadline = Date.now() + timeoutMs;
  let held = await heldMessages(page);
  const all = () => Object.values(held).flat();
  const bodies = (messages: readonly HeldMessage[]) => messages.map((message) => message.body);
  while (tally(bodies(all()), incoming).size < incoming.size && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    held = await heldMessages(page);
  }

  const colleagues = new Set(Array.from({ length: plan.conversations }, (_, index) => colleagueName(index)));
  expectOnce('conversations on the roster', colleagues, tally(Object.keys(held), colleagues));
  expectOnce('incoming messages stored', incoming, tally(bodies(all()), incoming));
  expectOnce('incoming attachments stored', attachments, tally(all().flatMap((message) => (message.attachment === null ? [] : [message.attachment])), attachments));

  const sent = new Set(Array.from({ length: plan.sends }, (_, index) => sentBody(index)));
  const outgoing = all().filter((message) => message.outgoing);
  expectOnce('sends in the window', sent, tally(bodies(outgoing), sent));
  const unsent = outgoing.filter((message) => ['queued', 'sending', 'failed'].includes(message.status));
  if (unsent.length > 0) throw new Error(`${unsent.length} sends not sent: ${unsent.slice(0, 3).map((m) => `${m.body} (${m.status})`).join(', ')}`);
  const received = new Map<string, number>();
  for (const colleague of ward.colleagues) {
    for (const [body, copies] of await copiesReceived(colleague, ward.nurse.token)) received.set(body, (received.get(body) ?? 0) + copies);
  }
  expectOnce('sends at their recipients', sent, received);

  const opened = (await app.state()).openedPaths.map((path) => basename(path));
  expectOnce('attachments handed to the OS', attachments, tally(opened, attachments));

  const session = await page.evaluate(() => (globalThis as unknown as { tiger: TigerBridge }).tiger.sessionState());
  if (!session.ok || session.value.kind !== 'signed-in' || session.value.lock.locked) throw new Error(`the shift did not end signed in and unlocked: ${JSON.stringify(session)}`);
}
