import { said } from '../../state/language';
import { useSignal } from '@preact/signals';
import type { MessageView } from '../../../../preload/contract';
import { errorText } from '../../format/error-text';
import { clockTime, fullTime, remaining } from '../../format/time';
import { useApp } from '../app-context';
import { useNow } from '../common/clock';
import { AttachmentView } from './attachment';
import { MessageBody } from './message-body';
import { ErrorAlert } from '../common/error-alert';
import { useActionError } from '../common/use-action-error';

function Countdown({ expiresAt }: { expiresAt: number }) {
  const now = useNow();
  return <span class="meta-item">Expires in {remaining(expiresAt - now)}</span>;
}

function statusText(message: MessageView, live: boolean): string {
  switch (message.status) {
    case 'queued':
      return live ? 'Queued' : 'Queued, will send when online';
    case 'sending':
      return 'Sending…';
    case 'sent':
      return 'Sent';
    case 'delivered':
      return 'Delivered';
    case 'read':
      return 'Read';
    case 'failed':
      return message.failureReason === null ? 'Failed to send' : `Failed to send: ${said(message.failureReason)}`;
  }
}

/** Editing a message that has not left the outbox yet. */
function QueuedEditor({ message, onDone }: { message: MessageView; onDone: () => void }) {
  const app = useApp();
  const text = useSignal(message.body);
  const error = useSignal<string | null>(null);
  const save = () => {
    if (text.value.trim() === '') {
      error.value = 'A message needs text; cancel it instead.';
      return;
    }
    app.api.editQueued({ messageId: message.id, body: text.value }).then(onDone, (failure: unknown) => (error.value = `Not saved: ${errorText(failure)}`));
  };
  return (
    <div class="queued-editor">
      <textarea aria-label="Edit queued message" value={text.value} onInput={(e) => (text.value = e.currentTarget.value)} data-autofocus rows={3} />
      <ErrorAlert message={error.value} />
      <div class="actions">
        <button type="button" class="primary" onClick={save}>
          Save
        </button>
        <button type="button" onClick={onDone}>
          Discard changes
        </button>
      </div>
    </div>
  );
}

export function MessageItem({
  message,
  senderName,
  startsGroup,
  tabbable,
  found,
}: {
  message: MessageView;
  senderName: string;
  startsGroup: boolean;
  tabbable: boolean;
  /** The message a search result opened the thread at. */
  found: boolean;
}) {
  const app = useApp();
  const editing = useSignal(false);
  const confirmRecall = useSignal(false);
  const { error, run: act } = useActionError();
  const live = app.connection.state.value.kind === 'live';
  const pending = message.outgoing && (message.status === 'queued' || message.status === 'failed');
  const recallable = message.outgoing && message.token !== null && !message.recalled && !pending && message.status !== 'sending';
  const classes = ['message', message.outgoing ? 'outgoing' : 'incoming', `priority-${message.priority}`, `status-${message.status}`, startsGroup ? 'starts-group' : '', found ? 'found' : ''];
  return (
    <article class={classes.join(' ')} data-message-id={message.id} tabIndex={tabbable ? 0 : -1} aria-label={`${senderName}, ${fullTime(message.createdAt)}`}>
      {startsGroup && <header class="message-sender">{senderName}</header>}
      {message.priority === 'high' && (
        <p class="priority-mark">
          <span aria-hidden="true">! </span>Urgent
        </p>
      )}
      {message.forwardedFrom !== null && (
        <p class="forwarded">
          Forwarded from {message.forwardedFrom.senderName}
          {message.forwardedFrom.sentAt !== null && `, sent ${fullTime(message.forwardedFrom.sentAt)}`}
        </p>
      )}
      <div class="bubble">
        {message.recalled ? (
          <p class="recalled">This message was recalled.</p>
        ) : editing.value ? (
          <QueuedEditor message={message} onDone={() => (editing.value = false)} />
        ) : (
          <>
            {message.body !== '' && <MessageBody body={message.body} />}
            <AttachmentView message={message} />
          </>
        )}
      </div>
      <footer class="message-meta">
        <time dateTime={new Date(message.createdAt).toISOString()} title={fullTime(message.createdAt)}>
          {clockTime(message.createdAt)}
        </time>
        {message.priority === 'low' && <span class="meta-item">Low priority</span>}
        {message.outgoing && <span class={`meta-item message-status status-${message.status}`}>{statusText(message, live)}</span>}
        {message.deleteOnRead && <span class="meta-item">Deletes when read</span>}
        {message.expiresAt !== null && !message.recalled && <Countdown expiresAt={message.expiresAt} />}
      </footer>
      <div class={pending ? 'message-actions visible' : 'message-actions'} role="group" aria-label="Message actions">
        {message.outgoing && message.status === 'failed' && (
          <button type="button" class="primary" onClick={() => act(() => app.api.retryMessage({ messageId: message.id }))}>
            Retry
          </button>
        )}
        {pending && !editing.value && (
          <button type="button" onClick={() => (editing.value = true)}>
            Edit
          </button>
        )}
        {pending && (
          <button type="button" onClick={() => act(() => app.api.cancelMessage({ messageId: message.id }))}>
            Cancel sending
          </button>
        )}
        {recallable && (
          <button
            type="button"
            class={confirmRecall.value ? 'danger' : undefined}
            onClick={() => {
              if (!confirmRecall.value) {
                confirmRecall.value = true;
                return;
              }
              confirmRecall.value = false;
              act(() => app.api.recallMessage({ messageId: message.id }));
            }}
            onBlur={() => (confirmRecall.value = false)}
          >
            {confirmRecall.value ? 'Confirm recall' : 'Recall'}
          </button>
        )}
        {!message.recalled && message.token !== null && (
          <button type="button" onClick={() => (app.ui.dialog.value = { kind: 'forward', messageId: message.id })}>
            Forward
          </button>
        )}
        {!message.recalled && message.body !== '' && (
          <button type="button" onClick={() => act(() => navigator.clipboard.writeText(message.body))}>
            Copy
          </button>
        )}
        {message.outgoing && message.token !== null && (
          <button type="button" onClick={() => (app.ui.dialog.value = { kind: 'message-info', messageId: message.id })}>
            Info
          </button>
        )}
      </div>
      <ErrorAlert message={error.value} />
    </article>
  );
}
