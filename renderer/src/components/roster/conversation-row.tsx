import type { ConversationSummary } from '../../../../preload/contract';
import { kindTag } from '../../format/conversation-kind';
import { mutedUntilText } from '../../format/muted';
import { rosterTime } from '../../format/time';
import { Avatar } from '../common/avatar';

/** The preview line, hidden when previews are turned off (Settings, or the managed settings). */
function preview(conversation: ConversationSummary, showPreviews: boolean): string {
  const last = conversation.lastMessage;
  if (last === null) return 'No messages yet';
  const who = last.outgoing ? 'You: ' : '';
  const failed = last.outgoing && last.status === 'failed' ? 'Not sent. ' : '';
  if (!showPreviews) return `${failed}${who}Message hidden`;
  return `${failed}${who}${last.preview}`;
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
              <span class="roster-marker" title="Pinned">
                <span aria-hidden="true">📌</span>
                <span class="visually-hidden">Pinned. </span>
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
              {urgent && <span class="priority-mark">! Urgent: </span>}
              {preview(conversation, showPreviews)}
            </span>
            {conversation.unreadPriority > 0 && (
              <span class="badge badge-priority">
                <span aria-hidden="true">! </span>
                {conversation.unreadPriority}
                <span class="visually-hidden"> urgent unread</span>
              </span>
            )}
            {conversation.unread > 0 && (
              <span class="badge">
                {conversation.unread}
                <span class="visually-hidden"> unread</span>
              </span>
            )}
          </span>
        </span>
      </button>
      <button
        type="button"
        class="conversation-options"
        data-options-for={conversation.id}
        aria-label={`Conversation options: ${conversation.name}`}
        title="Conversation options"
        aria-haspopup="menu"
        tabIndex={tabbable ? 0 : -1}
        onClick={(event) => onMenu(conversation.id, event.currentTarget)}
      >
        <span aria-hidden="true">⋯</span>
      </button>
    </>
  );
}
