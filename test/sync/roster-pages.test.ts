// The roster a page at a time (the window's first screen first): keyset pages in activity
// order, pinned ones on the first page, read along the activity index.
import { describe, expect, it, vi } from 'vitest';
import type { RosterCursor } from '../../preload/contract';
import { useHarness } from './sync-harness';

const h = useHarness();

/** Conversations c00..c(n-1), c00 the most recently active; c05 and c06 share one time (ties go by id). */
function seed(count: number): void {
  const { store } = h.local;
  store.transaction(() => {
    for (let index = 0; index < count; index += 1) {
      const id = `c${String(index).padStart(2, '0')}`;
      store.conversations.upsert({ id, kind: 'user', name: `Person ${id}` });
      const activity = index === 6 ? 1000 - 5 : 1000 - index;
      store.statements.prepare('UPDATE conversations SET last_activity = ? WHERE id = ?').run(activity, id);
    }
  });
}

/** The SQL `read` prepared, in order: what a test asks the query planner about. */
function sqlAsked(read: () => unknown): string[] {
  const { statements } = h.local.store;
  const asked: string[] = [];
  const prepare = statements.prepare.bind(statements);
  const spy = vi.spyOn(statements, 'prepare').mockImplementation((sql: string) => (asked.push(sql), prepare(sql)));
  try {
    read();
  } finally {
    spy.mockRestore();
  }
  return asked;
}

function allPages(limit: number): string[][] {
  const pages: string[][] = [];
  let after: RosterCursor | undefined;
  for (;;) {
    const page = h.sync.rosterPage({ limit, ...(after === undefined ? {} : { after }) });
    pages.push(page.conversations.map((conversation) => conversation.id));
    if (page.next === null) return pages;
    after = page.next;
  }
}

describe('the roster in pages', () => {
  it('pages through every conversation once, in the roster order, and says where it ends', () => {
    seed(25);
    const pages = allPages(10);
    expect(pages.map((page) => page.length)).toEqual([10, 10, 5]);
    expect(pages.flat()).toEqual(h.sync.roster().map((conversation) => conversation.id));
    expect(pages[0]!.slice(4, 7)).toEqual(['c04', 'c05', 'c06']);
    expect(h.sync.rosterPage({ limit: 25 }).next).toBeNull();
    expect(h.sync.rosterPage({ limit: 24 }).next).toEqual({ lastActivity: 1000 - 23, id: 'c23' });
  });

  it('continues after a cursor between two conversations of the same time', () => {
    seed(10);
    expect(h.sync.rosterPage({ after: { lastActivity: 995, id: 'c05' }, limit: 2 }).conversations.map((c) => c.id)).toEqual(['c06', 'c07']);
  });

  it('puts every pinned conversation on the first page, first, and leaves hidden ones out', () => {
    seed(30);
    h.local.store.conversationPreferences.setPinned('c27', 1);
    h.local.store.conversations.setHidden('c01', true);
    expect(h.sync.rosterPage({ limit: 3 }).conversations.map((c) => c.id)).toEqual(['c27', 'c00', 'c02', 'c03']);
    const ids = allPages(7).flat();
    expect(new Set(ids)).toEqual(new Set(h.sync.roster().map((c) => c.id)));
    expect(ids).not.toContain('c01');
  });

  it('misses nothing when a conversation moves ahead of the cursor while paging: the change set brings it', async () => {
    seed(20);
    const first = h.sync.rosterPage({ limit: 5 });
    // c15 gets a message: it leaves the pages still to come, and its change set says so.
    h.local.store.statements.prepare('UPDATE conversations SET last_activity = 2000 WHERE id = ?').run('c15');
    const rest = allPagesAfter(first.next!, 5);
    expect(rest).not.toContain('c15');
    expect([...first.conversations.map((c) => c.id), ...rest]).toHaveLength(19);
    expect(h.sync.roster()[0]?.id).toBe('c15');
  });

  it('reads a page along the activity index, from the cursor on', () => {
    seed(5);
    const { statements } = h.local.store;
    const pageQuery = sqlAsked(() => h.sync.rosterPage({ after: { lastActivity: 998, id: 'c02' }, limit: 2 })).find((sql) => sql.includes('LIMIT'));
    const plan = statements.prepare<{ detail: string }>(`EXPLAIN QUERY PLAN ${pageQuery}`).all(998, 998, 'c02', 3).map((row) => row.detail);
    // The outer loop walks the index from the cursor, already in order: no sort, no scan.
    expect(plan[0]).toMatch(/^SEARCH c USING INDEX conversations_by_activity \(hidden=\? AND last_activity<\?\)$/);
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE|SCAN c\b/);
  });
});

describe('a few roster lines by id', () => {
  it('gives the visible ones asked for, once each, most recently active first, and leaves out hidden and unknown ids', () => {
    seed(12);
    h.local.store.conversations.setHidden('c03', true);
    const lines = h.sync.summaries(['c09', 'c03', 'c01', 'nobody', 'c09']);
    expect(lines.map((line) => [line.id, line.name])).toEqual([
      ['c01', 'Person c01'],
      ['c09', 'Person c09'],
    ]);
    expect(h.sync.summaries([])).toEqual([]);
  });

  it('looks them up by primary key, not along the roster', () => {
    seed(5);
    const { statements } = h.local.store;
    const query = sqlAsked(() => h.sync.summaries(['c02'])).find((sql) => sql.includes('json_each'));
    const plan = statements.prepare<{ detail: string }>(`EXPLAIN QUERY PLAN ${query}`).all('["c02"]').map((row) => row.detail);
    expect(plan.join('\n')).toMatch(/SEARCH c USING INDEX sqlite_autoindex_conversations_1 \(id=\?\)|SEARCH c USING PRIMARY KEY/);
    expect(plan.join('\n')).not.toMatch(/SCAN c\b/);
  });
});

function allPagesAfter(after: RosterCursor, limit: number): string[] {
  const ids: string[] = [];
  let cursor: RosterCursor | null = after;
  while (cursor !== null) {
    const page = h.sync.rosterPage({ after: cursor, limit });
    ids.push(...page.conversations.map((conversation) => conversation.id));
    cursor = page.next;
  }
  return ids;
}
