import type { ConversationSummary } from '../../../../preload/contract';
import { kindTag } from '../../format/conversation-kind';
import { mutedUntilText } from '../../format/muted';
import { rosterTime } from '../../format/time';
import { t } from '../../state/language';
import { Avatar } from '../common/avatar';

/** The preview line, hidden when previews are turned off (Settings, or the managed settings). */
function preview(conversation: ConversationSummary, showPreviews: boolean): string {
  const last = conversation.lastMessage;
  if (last === null) return t('roster.preview.none');
  // Whose it is, and whether it failed to go: one of the words the line begins with.
  const from = !last.outgoing ? 'them' : last.status === 'failed' ? 'failed' : 'me';
  return showPreviews ? t('roster.preview.text', { from, text: last.preview }) : t('roster.preview.hidden', { from });
}

export function ConversationRow({
  conversation,
  showPreviews,
  selected,
  tabbable,
  index,
  onOpen,
  onMenu,
  organizationName,
}: {
  conversation: ConversationSummary;
  /** Named where the roster shows several organizations' conversations: the same person may be in each. */
  organizationName?: string | undefined;
  showPreviews: boolean;
  selected: boolean;
  /** The one row Tab stops at; arrow keys move between rows. */
  tabbable: boolean;
  index: number;
  onOpen: (id: string) => void;
  /** Opens the conversation's menu by the element it belongs to (the context menu key, a right click, the options button). */
  onMenu: (id: string, anchor: HTMLElement) => void;
}) {
  const tag = kindTag(conversation);
  const urgent = conversation.lastMessage?.priority === 'high';
  const mutedText = conversation.mutedUntil === null ? null : mutedUntilText(conversation.mutedUntil, Date.now());
  return (
    <>
      <button
        type="button"
        class={selected ? 'conversation selected' : 'conversation'}
        aria-current={selected ? 'true' : undefined}
        data-index={index}
        tabIndex={tabbable ? 0 : -1}
        onClick={() => onOpen(conversation.id)}
        onContextMenu={(event) => {
          event.preventDefault();
          onMenu(conversation.id, event.currentTarget);
        }}
      >
        <Avatar name={conversation.name} token={conversation.peerToken} avatar={conversation.avatar} group={conversation.kind !== 'user'} />
        <span class="conversation-main">
          <span class="conversation-top">
            {conversation.pinned && (
              <span class="roster-marker" title={t('roster.pinned')}>
                <span aria-hidden="true">📌</span>
                <span class="visually-hidden">{t('roster.pinned.spoken')} </span>
              </span>
            )}
            <span class={conversation.unread > 0 ? 'conversation-name unread' : 'conversation-name'}>{conversation.name}</span>
            {tag !== null && <span class="tag">{tag}</span>}
            {organizationName !== undefined && <span class="tag organization-tag">{organizationName}</span>}
            {mutedText !== null && (
              <span class="roster-marker" title={mutedText}>
                <span aria-hidden="true">🔕</span>
                <span class="visually-hidden"> {mutedText}.</span>
              </span>
            )}
            <span class="conversation-time">{rosterTime(conversation.lastActivity, Date.now())}</span>
          </span>
          <span class="conversation-bottom">
            <span class="conversation-preview">
              {urgent && <span class="priority-mark">{t('roster.urgent-mark')} </span>}
              {preview(conversation, showPreviews)}
            </span>
            {conversation.unreadPriority > 0 && (
              <span class="badge badge-priority">
                <span aria-hidden="true">! {conversation.unreadPriority}</span>
                <span class="visually-hidden"> {t('roster.unread-urgent', { count: conversation.unreadPriority })}</span>
              </span>
            )}
            {conversation.unread > 0 && (
              <span class="badge">
                <span aria-hidden="true">{conversation.unread}</span>
                <span class="visually-hidden"> {t('roster.unread', { count: conversation.unread })}</span>
              </span>
            )}
          </span>
        </span>
      </button>
      <button
        type="button"
        class="conversation-options"
        data-options-for={conversation.id}
        aria-label={t('roster.options.label', { name: conversation.name })}
        title={t('roster.options')}
        aria-haspopup="menu"
        tabIndex={tabbable ? 0 : -1}
        onClick={(event) => onMenu(conversation.id, event.currentTarget)}
      >
        <span aria-hidden="true">⋯</span>
      </button>
    </>
  );
}
