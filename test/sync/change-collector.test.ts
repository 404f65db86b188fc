import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChangeSet, ConversationSummary, MessageView, PersonView } from '../../preload/contract';
import { createChangeCollector, type ChangeLoaders } from '../../main/core/sync/change-collector';
import { changeSet, conversationSummary, messageView, personView } from '../support/view-builders';

function view(id: number, conversationId: string, body = ''): MessageView {
  return messageView({ id: String(id), conversationId, token: null, senderToken: 'u', body, createdAt: id });
}

function summary(id: string): ConversationSummary {
  return conversationSummary({ id, name: id, lastActivity: 0, unread: 0 });
}

function person(token: string): PersonView {
  return personView({ token, name: `name of ${token}` });
}

/** The database as the loaders see it: message id -> (conversation, body), and the conversations held. */
class Db implements ChangeLoaders {
  messagesHeld = new Map<number, { conversationId: string; body: string }>();
  conversationsHeld = new Set<string>();
  messages(ids: readonly number[]) {
    return ids.flatMap((id) => {
      const held = this.messagesHeld.get(id);
      return held === undefined ? [] : [view(id, held.conversationId, held.body)];
    });
  }
  /** Per conversation the newest held (the test's messages are all notifiable: incoming, unread). */
  notifiable(ids: readonly number[]) {
    const newest = new Map<string, number>();
    for (const id of ids) {
      const held = this.messagesHeld.get(id);
      if (held !== undefined && id > (newest.get(held.conversationId) ?? 0)) newest.set(held.conversationId, id);
    }
    return this.messages([...newest.values()]);
  }
  conversations(ids: readonly string[]) {
    return ids.filter((id) => this.conversationsHeld.has(id)).map(summary);
  }
  people(tokens: readonly string[]) {
    return tokens.map(person);
  }
  organizations() {
    return [];
  }
}

/** What a renderer holds: per conversation, its messages by id; and the conversations listed. */
class Screen {
  threads = new Map<string, Map<string, string>>();
  listed = new Set<string>();
  apply(changes: ChangeSet) {
    for (const { id, conversationId } of changes.removedMessages) this.threads.get(conversationId)?.delete(id);
    for (const message of changes.messages) {
      const thread = this.threads.get(message.conversationId) ?? new Map<string, string>();
      thread.set(message.id, message.body);
      this.threads.set(message.conversationId, thread);
    }
    for (const id of changes.removedConversations) this.listed.delete(id);
    for (const conversation of changes.conversations) this.listed.add(conversation.id);
  }
  static of(db: Db): Screen {
    const screen = new Screen();
    for (const [id, held] of db.messagesHeld) {
      const thread = screen.threads.get(held.conversationId) ?? new Map<string, string>();
      thread.set(String(id), held.body);
      screen.threads.set(held.conversationId, thread);
    }
    screen.listed = new Set(db.conversationsHeld);
    return screen;
  }
  messagesInView(): string[] {
    return [...this.threads].flatMap(([conversation, thread]) => [...thread].map(([id, body]) => `${conversation}/${id}/${body}`)).sort();
  }
}

function dbState(db: Db): string[] {
  return [...db.messagesHeld].map(([id, held]) => `${held.conversationId}/${id}/${held.body}`).sort();
}

type Op =
  | { kind: 'store'; id: number; conversation: string; body: string }
  | { kind: 'remove'; id: number }
  | { kind: 'leave'; conversation: string }
  | { kind: 'touch'; conversation: string };

const conversationIds = ['a', 'b', 'c'];
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('store' as const), id: fc.integer({ min: 1, max: 6 }), conversation: fc.constantFrom(...conversationIds), body: fc.constantFrom('x', 'y', 'z') }),
  fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('leave' as const), conversation: fc.constantFrom(...conversationIds) }),
  fc.record({ kind: fc.constant('touch' as const), conversation: fc.constantFrom(...conversationIds) }),
);

/** Runs one op on the database the way sync's writes do, recording it in the collector. */
function run(db: Db, collector: ReturnType<typeof createChangeCollector>, op: Op): void {
  switch (op.kind) {
    case 'store': {
      const held = db.messagesHeld.get(op.id);
      // A held message stays in its conversation; a new one (or a reused id) goes where asked.
      const conversationId = held?.conversationId ?? op.conversation;
      db.messagesHeld.set(op.id, { conversationId, body: op.body });
      db.conversationsHeld.add(conversationId);
      collector.messageStored(op.id, conversationId);
      return;
    }
    case 'remove': {
      const held = db.messagesHeld.get(op.id);
      if (held === undefined) return;
      db.messagesHeld.delete(op.id);
      collector.messageRemoved(op.id, held.conversationId);
      return;
    }
    case 'leave':
      for (const [id, held] of [...db.messagesHeld]) {
        if (held.conversationId !== op.conversation) continue;
        db.messagesHeld.delete(id);
        collector.messageRemoved(id, held.conversationId);
      }
      if (db.conversationsHeld.delete(op.conversation)) collector.conversationRemoved(op.conversation);
      return;
    case 'touch':
      db.conversationsHeld.add(op.conversation);
      collector.conversationChanged(op.conversation);
  }
}

/** `setup` run unrecorded, a screen that matches the database then, and `flush` recorded after it. */
function flushAfter(setup: readonly Op[], flush: readonly Op[]) {
  const db = new Db();
  const ignored = createChangeCollector();
  for (const op of setup) run(db, ignored, op);
  const screen = Screen.of(db);
  const collector = createChangeCollector();
  for (const op of flush) run(db, collector, op);
  return { db, screen, collector };
}

describe('the change-set coalescer', () => {
  it('shows a message stored and then updated in one flush once, in its final state', () => {
    const db = new Db();
    const collector = createChangeCollector();
    run(db, collector, { kind: 'store', id: 1, conversation: 'a', body: 'first' });
    run(db, collector, { kind: 'store', id: 1, conversation: 'a', body: 'final' });
    const changes = collector.take(db);
    expect(changes.messages).toEqual([view(1, 'a', 'final')]);
    expect(changes.removedMessages).toEqual([]);
    expect(changes.conversations.map((c) => c.id)).toEqual(['a']);
  });

  it('shows a message stored and then removed in one flush only as removed', () => {
    const db = new Db();
    const collector = createChangeCollector();
    run(db, collector, { kind: 'store', id: 2, conversation: 'a', body: 'x' });
    run(db, collector, { kind: 'remove', id: 2 });
    const changes = collector.take(db);
    expect(changes.messages).toEqual([]);
    expect(changes.removedMessages).toEqual([{ id: '2', conversationId: 'a' }]);
  });

  it('shows an id removed from one conversation and reused in another in both lists', () => {
    const db = new Db();
    db.messagesHeld.set(3, { conversationId: 'a', body: 'old' });
    const collector = createChangeCollector();
    run(db, collector, { kind: 'remove', id: 3 });
    run(db, collector, { kind: 'store', id: 3, conversation: 'b', body: 'new' });
    const changes = collector.take(db);
    expect(changes.removedMessages).toEqual([{ id: '3', conversationId: 'a' }]);
    expect(changes.messages).toEqual([view(3, 'b', 'new')]);
  });

  it('reports as removed a message the loader no longer finds', () => {
    const collector = createChangeCollector();
    collector.messageStored(4, 'a');
    const changes = collector.take(new Db());
    expect(changes.removedMessages).toEqual([{ id: '4', conversationId: 'a' }]);
    expect(changes.removedConversations).toEqual(['a']);
  });

  it('starts afresh after each take', () => {
    const db = new Db();
    const collector = createChangeCollector();
    run(db, collector, { kind: 'store', id: 1, conversation: 'a', body: 'x' });
    collector.take(db);
    expect(collector.isEmpty).toBe(true);
    expect(collector.take(db)).toEqual(changeSet());
  });

  it('reports a person whose name changed once, as they are now, with nothing else', () => {
    const collector = createChangeCollector();
    collector.personChanged('u-ann');
    collector.personChanged('u-ann');
    expect(collector.isEmpty).toBe(false);
    expect(collector.take(new Db())).toEqual(changeSet({ people: [person('u-ann')] }));
  });

  it('brings any screen that matched the database before the flush to match it after (property)', () => {
    fc.assert(
      fc.property(fc.array(opArbitrary, { maxLength: 8 }), fc.array(opArbitrary, { maxLength: 25 }), (setup, flush) => {
        const { db, screen, collector } = flushAfter(setup, flush);
        screen.apply(collector.take(db));
        expect(screen.messagesInView()).toEqual(dbState(db));
        expect([...screen.listed].sort()).toEqual([...db.conversationsHeld].sort());
      }),
      { numRuns: 500 },
    );
  });

  it('carries every message of a thread a window shows, and of the others only the newest a notification could name', () => {
    const db = new Db();
    const collector = createChangeCollector();
    for (const id of [1, 2, 3]) run(db, collector, { kind: 'store', id, conversation: 'a', body: `a${id}` });
    for (const id of [4, 5]) run(db, collector, { kind: 'store', id, conversation: 'b', body: `b${id}` });
    run(db, collector, { kind: 'store', id: 6, conversation: 'c', body: 'c6' });
    run(db, collector, { kind: 'remove', id: 6 });
    const changes = collector.take(db, (conversationId) => conversationId === 'b');
    expect(changes.messages).toEqual([view(4, 'b', 'b4'), view(5, 'b', 'b5'), view(3, 'a', 'a3')]);
    // Removals are carried for every conversation: an id costs nothing to name.
    expect(changes.removedMessages).toEqual([{ id: '6', conversationId: 'c' }]);
    expect(changes.conversations.map((c) => c.id).sort()).toEqual(['a', 'b', 'c']);
  });

  it('brings the threads a window shows to match the database, whatever it shows (property)', () => {
    fc.assert(
      fc.property(fc.array(opArbitrary, { maxLength: 8 }), fc.array(opArbitrary, { maxLength: 25 }), fc.subarray(conversationIds), (setup, flush, shown) => {
        const { db, screen, collector } = flushAfter(setup, flush);
        const changes = collector.take(db, (conversationId) => shown.includes(conversationId));
        screen.apply(changes);
        const inShown = (entry: string) => shown.includes(entry.split('/')[0]!);
        expect(screen.messagesInView().filter(inShown)).toEqual(dbState(db).filter(inShown));
        // Of the others: at most one message each, as the database holds it.
        const others = changes.messages.filter((message) => !shown.includes(message.conversationId));
        expect(new Set(others.map((message) => message.conversationId)).size).toBe(others.length);
        for (const message of others) expect(db.messagesHeld.get(Number(message.id))?.body).toBe(message.body);
      }),
      { numRuns: 500 },
    );
  });

  it('lists each message and conversation at most once per change set (property)', () => {
    fc.assert(
      fc.property(fc.array(opArbitrary, { maxLength: 30 }), (ops) => {
        const db = new Db();
        const collector = createChangeCollector();
        for (const op of ops) run(db, collector, op);
        const changes = collector.take(db);
        const messageIds = changes.messages.map((m) => m.id);
        expect(new Set(messageIds).size).toBe(messageIds.length);
        const removals = changes.removedMessages.map((r) => `${r.conversationId}/${r.id}`);
        expect(new Set(removals).size).toBe(removals.length);
        for (const id of messageIds) expect(changes.removedMessages.some((r) => r.id === id && r.conversationId === db.messagesHeld.get(Number(id))?.conversationId)).toBe(false);
        const conversations = [...changes.conversations.map((c) => c.id), ...changes.removedConversations];
        expect(new Set(conversations).size).toBe(conversations.length);
      }),
      { numRuns: 500 },
    );
  });
});
