// Test-only: in place of the app, a window whose calls are answered from generated data, so
// the renderer benchmark can put a 10,000-conversation roster and a 50,000-message thread
// behind the same stand-in window, preload and call validation, and push change sets at will.
// It answers the calls the signed-in screens make to show a roster and a thread; others are
// refused as Electron refuses a channel nobody handles.
import type { AccountView, ChangeSet, ConversationSummary, MessageView } from '../../preload/contract';
import { join } from 'node:path';
import { registerCalls } from '../../main/shell/ipc-calls';
import { sendEvent } from '../../main/shell/ipc-events';
import { appPageUrl, registerAppScheme } from '../../main/shell/app-origin';
import { serveRenderer } from '../../main/shell/renderer-protocol';
import type { CallHandlers } from '../../main/window-api/answer-call';
import { lockState, messageView, organizationView, settingsView } from '../support/view-builders';
import type { PageApp } from './harness-server';

export interface SyntheticData {
  conversations: number;
  /** Messages in the first conversation's thread; the others are empty. */
  threadMessages: number;
  /** The newest activity; older items count back from it. */
  now: number;
}

export const me = 'synthetic-me';
export const account: AccountView = { id: 'synthetic-account', displayName: 'Bench Person', server: 'http://127.0.0.1:1/v2', active: true };

const settings = settingsView();

export const conversationId = (index: number): string => `conversation-${index}`;
export const conversationName = (index: number): string => `Ward ${Math.floor(index / 10)} bed ${index % 10} (${index})`;

export function conversation(index: number, lastActivity: number, preview: string, unread: number): ConversationSummary {
  return {
    id: conversationId(index),
    kind: index % 7 === 0 ? 'group' : 'user',
    peerToken: conversationId(index),
    name: conversationName(index),
    avatar: null,
    lastMessage: { messageId: `last-${index}-${lastActivity}`, senderToken: `peer-${index}`, outgoing: false, preview, priority: 'normal', status: 'read' },
    lastActivity,
    unread,
    unreadPriority: 0,
    mutedUntil: null,
    pinned: false,
    urgentWhenMuted: true,
    organizationKey: null,
  };
}

export function message(conversationIndex: number, id: string, createdAt: number, body: string, outgoing: boolean): MessageView {
  return messageView({
    id,
    conversationId: conversationId(conversationIndex),
    token: `token-${id}`,
    senderToken: outgoing ? me : `peer-${conversationIndex}`,
    // As its `person` answers.
    senderName: `Person ${outgoing ? me : `peer-${conversationIndex}`}`,
    outgoing,
    body,
    createdAt,
    status: outgoing ? 'read' : 'delivered',
    readByMe: true,
  });
}

export function syntheticRoster(data: SyntheticData): ConversationSummary[] {
  return Array.from({ length: data.conversations }, (_, index) => conversation(index, data.now - index * 60_000, `Handover note ${index}`, index % 5 === 0 ? 1 : 0));
}

/** Oldest first, a minute apart, ending at `now`. */
export function syntheticThread(data: SyntheticData): MessageView[] {
  const count = data.threadMessages;
  return Array.from({ length: count }, (_, index) =>
    message(0, `m-${String(index).padStart(6, '0')}`, data.now - (count - index) * 60_000, `Observation ${index}: pulse 72, BP 120/80, resting.`, index % 3 === 0),
  );
}

export interface SyntheticPage {
  /** Pushes one change set, as sync would after storing something. */
  change(set: ChangeSet): void;
}

/** The page app for startHarness, and the pages it made, for the benchmark to drive. */
export function syntheticCores(data: SyntheticData): { app: PageApp; pages: SyntheticPage[] } {
  const roster = syntheticRoster(data);
  const thread = syntheticThread(data);
  const position = new Map(thread.map((item, index) => [item.id, index]));
  const pages: SyntheticPage[] = [];
  // Paged as main pages it: the synthetic roster is already newest first.
  const rosterPage: CallHandlers['roster'] = (page) => {
    if (page === undefined) return { conversations: roster, next: null };
    const start = page.after === undefined ? 0 : roster.findIndex((item) => item.id === page.after?.id) + 1;
    const conversations = roster.slice(start, start + page.limit);
    const last = conversations.at(-1);
    const next = start + page.limit < roster.length && last !== undefined ? { lastActivity: last.lastActivity, id: last.id } : null;
    return { conversations, next };
  };
  const threadPage: CallHandlers['threadPage'] = ({ conversationId: id, before, after, limit }) => {
    if (id !== conversationId(0)) return { messages: [], hasMore: false };
    if (after !== undefined) {
      const start = (position.get(after) ?? thread.length - 1) + 1;
      return { messages: thread.slice(start, start + limit), hasMore: start + limit < thread.length };
    }
    const end = before === undefined ? thread.length : (position.get(before) ?? 0);
    const start = Math.max(0, end - limit);
    return { messages: thread.slice(start, end), hasMore: start > 0 };
  };
  const handlers: Partial<CallHandlers> = {
    appInfo: () => ({ name: 'TigerDesk', version: 'bench', platform: process.platform }),
    sessionState: () => ({ kind: 'signed-in', account, lock: lockState() }),
    accounts: () => [account],
    getSettings: () => settings,
    roster: rosterPage,
    // One organization: the window shows no switcher, as for most users.
    organizations: () => [organizationView('org-bench', 'Bench General Hospital')],
    threadPage,
    markRead: () => ({ ok: true }),
    setTyping: () => ({ ok: true }),
    getDraft: () => ({ text: '' }),
    setDraft: () => ({ ok: true }),
    person: ({ token }) => ({ token, name: `Person ${token}`, title: null, department: null, avatar: null, presence: 'available', dnd: false }),
    groupInfo: ({ groupId }) => ({ id: groupId, name: groupId, avatar: null, members: [] }),
  };
  return {
    pages,
    app: async ({ platform }, { distDir }) => {
      registerAppScheme(platform.protocol);
      await platform.app.whenReady();
      await serveRenderer(platform.protocol, join(distDir, 'renderer'));
      const window = new platform.BrowserWindow({ webPreferences: { preload: join(distDir, 'preload', 'index.cjs'), contextIsolation: true, sandbox: true } });
      registerCalls(platform.ipcMain, handlers, { warn: () => {} }, { contents: window.webContents, url: appPageUrl });
      pages.push({ change: (set) => sendEvent(window.webContents, 'change', set) });
      await window.loadURL(appPageUrl);
    },
  };
}
