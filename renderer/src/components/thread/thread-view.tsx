import { useComputed, useSignal } from '@preact/signals';
import type { MessageView } from '../../../../preload/contract';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { listOfNames } from '../../format/names';
import { kindTag } from '../../format/conversation-kind';
import { worded } from '../../format/error-text';
import { dayLabel } from '../../format/time';
import { t } from '../../state/language';
import { useApp } from '../app-context';
import { Avatar } from '../common/avatar';
import { nextIndex } from '../common/list-keys';
import { doNotDisturbText, usePerson } from '../common/use-person';
import { useVirtualizer } from '../common/use-virtualizer';
import { Composer } from '../composer/composer';
import { MessageItem } from './message-item';
import { threadRows } from './thread-rows';
import type { ThreadRow } from './thread-rows';
import { ErrorAlert } from '../common/error-alert';
import { commandKeyName } from '../keyboard/shortcut-keys';

/** Older pages are asked for when the view comes this close to the oldest loaded row. */
const loadOlderWithin = 3;

function MessageRow({ id, startsGroup, conversationName, group, tabbable }: { id: string; startsGroup: boolean; conversationName: string; group: boolean; tabbable: boolean }) {
  const app = useApp();
  // This message's own signal: a status change re-renders this row only.
  const message = app.thread.byId.get(id)?.value;
  if (message === undefined) return null;
  const senderName = message.outgoing ? t('thread.you') : group ? message.senderName : conversationName;
  return <MessageItem message={message} senderName={senderName} startsGroup={startsGroup} tabbable={tabbable} found={app.thread.target.value === id} />;
}

function TypingIndicator({ conversationId }: { conversationId: string }) {
  const app = useApp();
  const people = app.connection.typing.value.get(conversationId) ?? [];
  const names = people.map((person) => person.name);
  return (
    <p class="typing" aria-live="polite">
      {names.length === 0 ? '' : t('thread.typing', { count: names.length, names: listOfNames(names) })}
    </p>
  );
}

/** What a screen reader hears, politely, when someone else's message arrives in the open conversation. */
export function arrivalText(message: MessageView, sender: string): string {
  const about = { priority: message.priority, sender };
  if (message.body.trim() !== '') return t('thread.arrival.body', { ...about, text: message.body });
  if (message.attachment !== null) return t('thread.arrival.attachment', { ...about, name: message.attachment.name });
  return t('thread.arrival.plain', about);
}

function ArrivalAnnouncer({ conversationName, group }: { conversationName: string; group: boolean }) {
  const message = useApp().thread.arrived.value;
  return (
    <p class="visually-hidden" aria-live="polite">
      {message === null ? '' : arrivalText(message, group ? message.senderName : conversationName)}
    </p>
  );
}

/** Whether this window is where the person is looking: only then are messages marked read. */
function useWindowAttended(): boolean {
  const attended = useSignal(document.hasFocus() && document.visibilityState === 'visible');
  useEffect(() => {
    const update = () => (attended.value = document.hasFocus() && document.visibilityState === 'visible');
    window.addEventListener('focus', update);
    window.addEventListener('blur', update);
    document.addEventListener('visibilitychange', update);
    return () => {
      window.removeEventListener('focus', update);
      window.removeEventListener('blur', update);
      document.removeEventListener('visibilitychange', update);
    };
  }, []);
  return attended.value;
}

function MessageList({ conversationId, conversationName, group }: { conversationId: string; conversationName: string; group: boolean }) {
  const app = useApp();
  const thread = app.thread;
  // Rows depend on the order only: grouping reads a message's sender and time, which never change.
  const rows = useComputed(() => threadRows(thread.order.value, (id) => thread.byId.get(id)?.peek())).value;
  const { scrollRef, virtualizer } = useVirtualizer({
    count: rows.length,
    estimateSize: (index) => (rows[index]?.kind === 'day' ? 40 : 76),
    getItemKey: (index) => rows[index]?.key ?? index,
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: 48,
  });
  const attended = useWindowAttended();
  const lastMarked = useRef<string | null>(null);
  // Older pages are only asked for once the view has really reached where it opens (the newest
  // message, or the one it was opened for): before that the first paint sits at the top and
  // would pull in every page at once.
  const settled = useRef(false);
  const loading = thread.loading.value;
  const hasMore = thread.hasMore.value;
  const listRef = useRef<HTMLDivElement>(null);
  // The message Tab stops at: the one last focused, else the newest in view.
  const focusedId = useSignal<string | null>(null);
  // By id, not index: a page loaded meanwhile shifts every index.
  const pendingFocus = useRef<string | null>(null);
  const messageElement = (id: string) => listRef.current?.querySelector<HTMLElement>(`article[data-message-id="${CSS.escape(id)}"]`);

  useLayoutEffect(() => {
    if (pendingFocus.current === null) return;
    const target = messageElement(pendingFocus.current);
    if (target) {
      target.focus();
      pendingFocus.current = null;
    }
  });

  /** Arrow keys, Home, End and Page keys move between messages, skipping day headings. */
  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target instanceof HTMLElement && event.target.matches('article') ? event.target.closest<HTMLElement>('[data-index]') : null;
    if (target === null) return;
    const current = Number(target.dataset.index);
    let next = nextIndex(event.key, current, rows.length);
    if (next === null) return;
    event.preventDefault();
    const step = next < current || event.key === 'End' ? -1 : 1;
    while (rows[next]?.kind === 'day') next += rows[next + step] === undefined ? -step : step;
    const row = rows[next];
    if (row?.kind !== 'message') return;
    pendingFocus.current = row.id;
    virtualizer.scrollToIndex(next, { align: 'auto' });
    messageElement(row.id)?.focus();
  };

  // A conversation opens at its newest message, or at the message it was opened for.
  useLayoutEffect(() => {
    if (rows.length === 0) return;
    const target = thread.target.peek();
    if (!settled.current && target !== null) {
      const index = rows.findIndex((row) => row.kind === 'message' && row.id === target);
      if (index >= 0) {
        const range = virtualizer.range;
        if (range !== null && range.startIndex <= index && index <= range.endIndex) {
          settled.current = true;
          pendingFocus.current = target;
        } else virtualizer.scrollToIndex(index, { align: 'center' });
        return;
      }
    }
    if (!settled.current && (virtualizer.isAtEnd() || virtualizer.getTotalSize() <= (virtualizer.scrollRect?.height ?? 0))) settled.current = true;
    if (!settled.current) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  });

  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;

  useEffect(() => {
    if (settled.current && firstIndex <= loadOlderWithin && hasMore && !loading) void thread.loadOlder();
  });

  // Marks read up to the newest unread incoming message actually in view.
  useEffect(() => {
    if (!attended) return;
    const range = virtualizer.range;
    if (range === null) return;
    let newest: string | null = null;
    for (let index = range.startIndex; index <= range.endIndex; index += 1) {
      const row: ThreadRow | undefined = rows[index];
      if (row?.kind !== 'message') continue;
      const message = thread.byId.get(row.id)?.peek();
      if (message !== undefined && !message.outgoing && !message.readByMe) newest = message.id;
    }
    if (newest === null || lastMarked.current === newest) return;
    lastMarked.current = newest;
    void app.api.markRead({ conversationId, upToMessageId: newest }).catch(() => (lastMarked.current = null));
  });

  const renderedIds = items.flatMap((item) => {
    const row = rows[item.index];
    return row?.kind === 'message' ? [row.id] : [];
  });
  const tabStop = focusedId.value !== null && renderedIds.includes(focusedId.value) ? focusedId.value : renderedIds[renderedIds.length - 1];
  const now = Date.now();
  return (
    <div class="thread-body">
      {loading && rows.length > 0 && <p class="loading-older">{t('thread.loading-older')}</p>}
      <div class="thread-scroll" ref={scrollRef}>
        <div
          ref={listRef}
          class="virtual-list"
          role="list"
          aria-label={t('thread.messages')}
          style={{ height: `${virtualizer.getTotalSize()}px` }}
          onKeyDown={onKeyDown}
          onFocusIn={(event) => {
            const id = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>('[data-message-id]')?.dataset.messageId : undefined;
            if (id !== undefined) focusedId.value = id;
          }}
        >
          {items.map((item) => {
            const row = rows[item.index];
            if (row === undefined) return null;
            return (
              <div key={item.key} role="listitem" class="virtual-row" data-index={item.index} ref={virtualizer.measureElement} style={{ transform: `translateY(${item.start}px)` }}>
                {row.kind === 'day' ? (
                  <h3 class="day-heading">{dayLabel(row.time, now)}</h3>
                ) : (
                  <MessageRow id={row.id} startsGroup={row.startsGroup} conversationName={conversationName} group={group} tabbable={row.id === tabStop} />
                )}
              </div>
            );
          })}
        </div>
        {rows.length === 0 && !loading && thread.error.value === null && <p class="empty">{t('thread.empty')}</p>}
        {rows.length === 0 && loading && <p class="empty">{t('thread.loading')}</p>}
        <ErrorAlert message={worded(thread.error.value)} />
      </div>
    </div>
  );
}

export function ThreadView() {
  const app = useApp();
  const id = app.ui.selected.value;
  const conversation = id === null ? undefined : app.roster.watch(id);
  const group = conversation?.kind === 'group';
  const list = conversation?.kind === 'list';
  const person = usePerson(id === null || group || list ? null : conversation?.peerToken ?? id);

  if (id === null) {
    return (
      <main class="thread thread-empty">
        <p>{t('thread.none-chosen', { shortcut: `${commandKeyName()}+N` })}</p>
      </main>
    );
  }
  const name = conversation?.name ?? app.ui.pendingNames.value.get(id) ?? t('thread.untitled');
  // A conversation not on the roster yet is one opened by a person's token.
  const peer = conversation?.peerToken ?? id;
  // Named only for someone in several: the same person may have a conversation in each.
  const organization = app.organizations.several.value ? app.organizations.get(conversation?.organizationKey ?? null) : undefined;
  // Before anything is sent to someone in Do Not Disturb, their message shows above the composer.
  const away = group || list ? null : person.value?.dnd === true ? person.value : null;
  const tag = conversation === undefined ? null : kindTag(conversation);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    const file = event.dataTransfer?.files[0];
    if (file !== undefined) void app.composer.attachFile(file);
  };
  return (
    <main class="thread" aria-label={t('thread.label', { name })} onDragOver={(event) => event.preventDefault()} onDrop={onDrop}>
      <header class="thread-header">
        <Avatar name={name} token={peer} avatar={conversation?.avatar ?? null} group={group || list} />
        <h2 class="thread-title">{name}</h2>
        {tag !== null && <span class="tag">{tag}</span>}
        {organization !== undefined && <span class="tag organization-tag">{organization.name}</span>}
        {away !== null && <span class="tag dnd-tag">{doNotDisturbText(away)}</span>}
        <span class="spacer" />
        {group && (
          <button type="button" onClick={() => (app.ui.dialog.value = { kind: 'group', groupId: id })}>
            {t('thread.group-details')}
          </button>
        )}
        {!group && !list && (
          <button type="button" onClick={() => (app.ui.dialog.value = { kind: 'person', token: peer })}>
            {t('thread.profile')}
          </button>
        )}
      </header>
      <MessageList key={id} conversationId={id} conversationName={name} group={group} />
      <ArrivalAnnouncer conversationName={name} group={group} />
      <TypingIndicator conversationId={id} />
      {away !== null && (
        <p class="dnd-notice" role="note">
          {away.dndText === undefined ? t('thread.dnd-notice', { name: away.name }) : t('thread.dnd-notice-text', { name: away.name, text: away.dndText })}
        </p>
      )}
      {list && (
        <p class="list-notice" role="note">
          {conversation?.memberCount === undefined ? t('thread.list-notice') : t('thread.list-notice-count', { count: conversation.memberCount })}
        </p>
      )}
      <Composer conversationName={name} />
    </main>
  );
}
