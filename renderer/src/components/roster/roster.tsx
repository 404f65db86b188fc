import { useSignal, useSignalEffect } from '@preact/signals';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { MessageView } from '../../../../preload/contract';
import { because, worded } from '../../format/failure-text';
import type { Wording } from '../../format/failure-text';
import { t } from '../../state/language';
import { unavailableAccount } from '../../state/session';
import { clockTime } from '../../format/time';
import { useApp } from '../app-context';
import { nextIndex } from '../common/list-keys';
import { useVirtualizer } from '../common/use-virtualizer';
import { ConversationMenu } from './conversation-menu';
import type { MenuAnchor } from './conversation-menu';
import { ConversationRow } from './conversation-row';
import { OrganizationSwitcher } from './organization-switcher';
import { ErrorAlert } from '../common/error-alert';
import { DirectoryResultList, openDirectoryResult, useDirectorySearch } from '../dialogs/directory-search';
import { useActionError } from '../common/use-action-error';
import { commandKeyName } from '../keyboard/shortcut-keys';

const rowHeight = 64;
const searchDelayMs = 250;

function RosterItem({ id, index, tabbable, onMenu }: { id: string; index: number; tabbable: boolean; onMenu: (id: string, anchor: HTMLElement) => void }) {
  const app = useApp();
  // Reading this conversation's own signal: an update re-renders this row only.
  const conversation = app.roster.byId.get(id)?.value;
  if (conversation === undefined) return null;
  return (
    <ConversationRow
      conversation={conversation}
      showPreviews={app.settings.settings.value?.showMessagePreviews ?? false}
      selected={app.ui.selected.value === id}
      tabbable={tabbable}
      index={index}
      onOpen={(chosen) => app.openConversation(chosen)}
      onMenu={onMenu}
      organizationName={app.organizations.several.value && app.roster.organization.value === null ? app.organizations.get(conversation.organizationKey)?.name : undefined}
    />
  );
}

const directoryKinds = ['person', 'group'] as const;

/** People and groups whose name starts as typed, in the organization the roster shows (or all), below the messages found. */
function DirectoryResults({ query }: { query: string }) {
  const app = useApp();
  const organization = app.roster.organization.value;
  const search = useDirectorySearch(directoryKinds, query, organization);
  const error = useSignal<Wording | null>(null);
  return (
    <section class="search-results" aria-label={t('roster.directory')}>
      <h2 class="section-title">{t('roster.directory')}</h2>
      <DirectoryResultList
        search={search}
        query={query}
        action={(found) => (found.kind === 'group' ? t('roster.directory.open') : t('roster.directory.message'))}
        onAction={(found) => {
          error.value = null;
          openDirectoryResult(app, found, organization).catch((failure: unknown) => (error.value = because('roster.start-failed', failure)));
        }}
      />
      <ErrorAlert message={worded(error.value)} />
    </section>
  );
}

type SearchResult = { message: MessageView; conversationName: string };

/** Full-text search in stored messages, below the conversation filter. */
function MessageResults({ query }: { query: string }) {
  const app = useApp();
  const results = useSignal<SearchResult[] | null>(null);
  const error = useSignal<Wording | null>(null);
  useEffect(() => {
    results.value = null;
    error.value = null;
    if (query.trim().length < 2) return;
    let current = true;
    const timer = setTimeout(() => {
      app.api.searchMessages({ query: query.trim().slice(0, 200) }).then(
        (found) => current && (results.value = found),
        (failure: unknown) => current && (error.value = because('roster.search-failed', failure)),
      );
    }, searchDelayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);
  if (query.trim().length < 2) return null;
  return (
    <section class="search-results" aria-label={t('roster.search')}>
      <h2 class="section-title">{t('roster.search.title')}</h2>
      {error.value !== null && <p class="error">{worded(error.value)}</p>}
      {results.value === null && error.value === null && <p class="subtle">{t('roster.search.searching')}</p>}
      {results.value?.length === 0 && <p class="subtle">{t('roster.search.none')}</p>}
      {results.value !== null && results.value.length > 0 && (
        <ul aria-label={t('roster.search.results')}>
          {results.value.map(({ message, conversationName }) => (
            <li key={message.id}>
              <button type="button" class="search-result" onClick={() => app.openConversation(message.conversationId, { name: conversationName, around: message })}>
                <span class="search-result-top">
                  <span>{conversationName}</span>
                  <span class="subtle">{clockTime(message.createdAt)}</span>
                </span>
                <span class="conversation-preview">{message.body}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function Roster() {
  const app = useApp();
  const ids = app.roster.visible.value;
  const selected = app.ui.selected.value;
  const { scrollRef, virtualizer } = useVirtualizer({
    count: ids.length,
    estimateSize: () => rowHeight,
    getItemKey: (index) => ids[index] ?? index,
  });
  const listRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<number | null>(null);
  // Outside the scrolled list, whose containment would clip it.
  const menu = useSignal<MenuAnchor | null>(null);
  const menuAction = useActionError();
  const openMenu = (conversationId: string, element: HTMLElement) => {
    const box = element.getBoundingClientRect();
    const row = element.closest('[role="listitem"]')?.querySelector<HTMLElement>('.conversation-options') ?? element;
    menu.value = { conversationId, top: box.bottom, left: Math.max(0, box.right - 240), returnFocus: row };
  };
  const menuConversation = menu.value === null ? undefined : app.roster.watch(menu.value.conversationId);
  // A row moved in the list loses the focus with it: its options button gets it back after the render.
  const refocusOptions = useRef<string | null>(null);
  const refocus = (conversationId: string) => {
    refocusOptions.current = conversationId;
  };
  useLayoutEffect(() => {
    const id = refocusOptions.current;
    if (id === null) return;
    const button = listRef.current?.querySelector<HTMLElement>(`[data-options-for="${CSS.escape(id)}"]`);
    if (button && document.activeElement !== button) button.focus();
    refocusOptions.current = null;
  });

  useLayoutEffect(() => {
    if (pendingFocus.current === null) return;
    const row = listRef.current?.querySelector<HTMLElement>(`[data-index="${pendingFocus.current}"]`);
    if (row) {
      row.focus();
      pendingFocus.current = null;
    }
  });

  // A conversation opened from elsewhere (a notification, the switcher) is scrolled into view.
  useSignalEffect(() => {
    const id = app.ui.selected.value;
    if (id === null) return;
    const index = app.roster.visible.peek().indexOf(id);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  });

  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>('[data-index]') : null;
    if (target === null) return;
    const next = nextIndex(event.key, Number(target.dataset.index), ids.length);
    if (next === null) return;
    event.preventDefault();
    pendingFocus.current = next;
    virtualizer.scrollToIndex(next, { align: 'auto' });
    listRef.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus();
  };

  const items = virtualizer.getVirtualItems();
  const selectedIndex = selected === null ? -1 : ids.indexOf(selected);
  const selectedRendered = items.some((item) => item.index === selectedIndex);
  const filter = app.roster.filter.value;
  const loadError = app.roster.loadError.value;
  return (
    <nav class="roster" aria-label={t('roster.label')}>
      <OrganizationSwitcher />
      <div class="roster-filter">
        <input
          type="search"
          aria-label={t('roster.filter')}
          placeholder={t('roster.filter.placeholder', { key: commandKeyName() })}
          value={filter}
          onInput={(event) => (app.roster.filter.value = event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && filter !== '') {
              event.stopPropagation();
              app.roster.filter.value = '';
            }
          }}
        />
      </div>
      <MessageResults query={filter} />
      {filter.trim() !== '' && <DirectoryResults query={filter} />}
      {filter.trim() !== '' && <h2 class="section-title">{t('roster.list')}</h2>}
      <div class="roster-scroll" ref={scrollRef}>
        <div ref={listRef} class="virtual-list" role="list" aria-label={t('roster.list')} style={{ height: `${virtualizer.getTotalSize()}px` }} onKeyDown={onKeyDown}>
          {items.map((item) => (
            <div
              key={item.key}
              role="listitem"
              class="virtual-row"
              aria-setsize={ids.length}
              aria-posinset={item.index + 1}
              style={{ transform: `translateY(${item.start}px)`, height: `${rowHeight}px` }}
            >
              <RosterItem id={ids[item.index] ?? ''} index={item.index} tabbable={selectedRendered ? item.index === selectedIndex : item === items[0]} onMenu={openMenu} />
            </div>
          ))}
        </div>
        {/* Until every page is in, finding nothing may only mean "not here yet". */}
        {app.roster.loaded.value && ids.length === 0 && <p class="empty">{!app.roster.complete.value ? t('roster.loading') : filter === '' ? t('roster.empty', { key: commandKeyName() }) : t('roster.filter.none')}</p>}
        {!app.roster.loaded.value && app.roster.loadError.value === null && (
          <p class="empty">{unavailableAccount(app.session.state.value) === null ? t('roster.loading') : t('roster.unavailable')}</p>
        )}
        <ErrorAlert message={loadError === null ? null : worded({ key: 'roster.load-failed', reason: loadError })} />
      </div>
      <ErrorAlert message={menuAction.error.value} />
      {menu.value !== null && menuConversation !== undefined && (
        <ConversationMenu conversation={menuConversation} anchor={menu.value} onClose={() => (menu.value = null)} run={menuAction.run} refocus={refocus} />
      )}
    </nav>
  );
}
