import { useEffect, useRef } from 'preact/hooks';
import type { ConversationSummary, MuteDuration } from '../../../../preload/contract';
import type { MessageKey } from '../../../../i18n/user-text';
import { t } from '../../state/language';
import { useApp } from '../app-context';

const muteItems: { duration: MuteDuration; label: MessageKey }[] = [
  { duration: 'hour', label: 'roster.menu.mute-hour' },
  { duration: 'eight-hours', label: 'roster.menu.mute-eight-hours' },
  { duration: 'tomorrow-morning', label: 'roster.menu.mute-tomorrow-morning' },
  { duration: 'year', label: 'roster.menu.mute-year' },
];

export interface MenuAnchor {
  conversationId: string;
  /** Where the menu opens, in the window's coordinates: below its anchor (above, where below has no room). */
  top: number;
  left: number;
  /** Focus goes back here when the menu closes. */
  returnFocus: HTMLElement;
}

/**
 * A conversation's menu, as ARIA's menu pattern has it: opened by its options button or the
 * context menu (right click, the menu key, Shift+F10), the first item focused, arrow keys,
 * Home and End move, Escape or Tab close it and give focus back. Each choice answers with the
 * conversation as main now has it; `done` is told the outcome to show.
 */
export function ConversationMenu({
  conversation,
  anchor,
  onClose,
  run,
  refocus,
}: {
  conversation: ConversationSummary;
  anchor: MenuAnchor;
  onClose: () => void;
  run: (action: () => Promise<unknown>) => void;
  /** A choice may move the row (a pin): focus goes back to its options button once it is rendered where it went. */
  refocus: (conversationId: string) => void;
}) {
  const app = useApp();
  const menuRef = useRef<HTMLDivElement>(null);
  const items = () => [...(menuRef.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];

  useEffect(() => {
    // Opened from a row near the window's bottom, it opens upwards, so that all of it is shown.
    const menu = menuRef.current;
    if (menu !== null) {
      const box = menu.getBoundingClientRect();
      if (box.bottom > window.innerHeight) menu.style.top = `${Math.max(0, window.innerHeight - box.height)}px`;
    }
    items()[0]?.focus();
    // A click anywhere else closes it, as a native menu does.
    const outside = (event: PointerEvent) => {
      if (!menuRef.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, []);

  const close = () => {
    onClose();
    anchor.returnFocus.focus();
  };
  const choose = (action: () => Promise<ConversationSummary>) => {
    close();
    run(async () => {
      app.roster.apply([await action()], []);
      refocus(conversation.id);
    });
  };
  const id = conversation.id;

  const onKeyDown = (event: KeyboardEvent) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (index: number) => {
      event.preventDefault();
      list[(index + list.length) % list.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(list.length - 1);
    else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  };

  return (
    <div
      ref={menuRef}
      class="conversation-menu"
      role="menu"
      aria-label={t('roster.menu.label', { name: conversation.name })}
      style={{ top: `${anchor.top}px`, left: `${anchor.left}px` }}
      onKeyDown={onKeyDown}
    >
      <button type="button" role="menuitem" tabIndex={-1} onClick={() => choose(() => app.api.setConversationPinned({ conversationId: id, pinned: !conversation.pinned }))}>
        {conversation.pinned ? t('roster.menu.unpin') : t('roster.menu.pin')}
      </button>
      {/* Nothing arrives in a distribution list's conversation (members answer 1:1): nothing to mute. */}
      {conversation.kind !== 'list' && (
        <>
          <div role="separator" />
          {muteItems.map(({ duration, label }) => (
            <button key={duration} type="button" role="menuitem" tabIndex={-1} onClick={() => choose(() => app.api.muteConversation({ conversationId: id, duration }))}>
              {t(label)}
            </button>
          ))}
          {conversation.mutedUntil !== null && (
            <button type="button" role="menuitem" tabIndex={-1} onClick={() => choose(() => app.api.unmuteConversation({ conversationId: id }))}>
              {t('roster.menu.unmute')}
            </button>
          )}
          <div role="separator" />
          <button
            type="button"
            role="menuitemcheckbox"
            aria-checked={conversation.urgentWhenMuted}
            tabIndex={-1}
            onClick={() => choose(() => app.api.setUrgentWhenMuted({ conversationId: id, alert: !conversation.urgentWhenMuted }))}
          >
            <span aria-hidden="true" class="menu-check">{conversation.urgentWhenMuted ? '✓' : ''}</span>
            {t('roster.menu.urgent-when-muted')}
          </button>
        </>
      )}
    </div>
  );
}
