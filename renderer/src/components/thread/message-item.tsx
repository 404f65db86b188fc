import { useSignal } from '@preact/signals';
import type { MessageView } from '../../../../preload/contract';
import { failureWording, wording, worded } from '../../format/error-text';
import type { Wording } from '../../format/error-text';
import { clockTime, fullTime, remaining } from '../../format/time';
import { said, t } from '../../state/language';
import { useApp } from '../app-context';
import { useNow } from '../common/clock';
import { AttachmentView } from './attachment';
import { MessageBody } from './message-body';
import { ErrorAlert } from '../common/error-alert';
import { useActionError } from '../common/use-action-error';

function Countdown({ expiresAt }: { expiresAt: number }) {
  const now = useNow();
  return <span class="meta-item">{t('message.expires-in', { time: remaining(expiresAt - now) })}</span>;
}

function statusText(message: MessageView, live: boolean): string {
  switch (message.status) {
    case 'queued':
      return t(live ? 'message.status.queued' : 'message.status.queued-offline');
    case 'sending':
      return t('message.status.sending');
    case 'sent':
      return t('message.status.sent');
    case 'delivered':
      return t('message.status.delivered');
    case 'read':
      return t('message.status.read');
    case 'failed':
      return message.failureReason === null ? t('message.status.failed') : t('message.status.failed-because', { reason: said(message.failureReason) });
  }
}

/** Editing a message that has not left the outbox yet. */
function QueuedEditor({ message, onDone }: { message: MessageView; onDone: () => void }) {
  const app = useApp();
  const text = useSignal(message.body);
  const error = useSignal<Wording | null>(null);
  const save = () => {
    if (text.value.trim() === '') {
      error.value = wording('message.edit.needs-text');
      return;
    }
    app.api.editQueued({ messageId: message.id, body: text.value }).then(onDone, (failure: unknown) => (error.value = failureWording(failure, 'message.edit.not-saved')));
  };
  return (
    <div class="queued-editor">
      <textarea aria-label={t('message.edit.label')} value={text.value} onInput={(e) => (text.value = e.currentTarget.value)} data-autofocus rows={3} />
      <ErrorAlert message={worded(error.value)} />
      <div class="actions">
        <button type="button" class="primary" onClick={save}>
          {t('message.edit.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('message.edit.discard')}
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
  const forwarded = message.forwardedFrom;
  return (
    <article
      class={classes.join(' ')}
      data-message-id={message.id}
      tabIndex={tabbable ? 0 : -1}
      aria-label={t('message.label', { sender: senderName, time: fullTime(message.createdAt) })}
    >
      {startsGroup && <header class="message-sender">{senderName}</header>}
      {message.priority === 'high' && (
        <p class="priority-mark">
          <span aria-hidden="true">! </span>
          {t('message.urgent')}
        </p>
      )}
      {forwarded !== null && (
        <p class="forwarded">
          {forwarded.sentAt === null
            ? t('message.forwarded-from', { sender: forwarded.senderName })
            : t('message.forwarded-from-sent', { sender: forwarded.senderName, time: fullTime(forwarded.sentAt) })}
        </p>
      )}
      <div class="bubble">
        {message.recalled ? (
          <p class="recalled">{t('message.recalled')}</p>
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
        {message.priority === 'low' && <span class="meta-item">{t('message.low-priority')}</span>}
        {message.outgoing && <span class={`meta-item message-status status-${message.status}`}>{statusText(message, live)}</span>}
        {message.deleteOnRead && <span class="meta-item">{t('message.deletes-when-read')}</span>}
        {message.expiresAt !== null && !message.recalled && <Countdown expiresAt={message.expiresAt} />}
      </footer>
      <div class={pending ? 'message-actions visible' : 'message-actions'} role="group" aria-label={t('message.actions')}>
        {message.outgoing && message.status === 'failed' && (
          <button type="button" class="primary" onClick={() => act(() => app.api.retryMessage({ messageId: message.id }))}>
            {t('message.retry')}
          </button>
        )}
        {pending && !editing.value && (
          <button type="button" onClick={() => (editing.value = true)}>
            {t('message.edit')}
          </button>
        )}
        {pending && (
          <button type="button" onClick={() => act(() => app.api.cancelMessage({ messageId: message.id }))}>
            {t('message.cancel-sending')}
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
            {t(confirmRecall.value ? 'message.confirm-recall' : 'message.recall')}
          </button>
        )}
        {!message.recalled && message.token !== null && (
          <button type="button" onClick={() => (app.ui.dialog.value = { kind: 'forward', messageId: message.id })}>
            {t('message.forward')}
          </button>
        )}
        {!message.recalled && message.body !== '' && (
          <button type="button" onClick={() => act(() => navigator.clipboard.writeText(message.body))}>
            {t('message.copy')}
          </button>
        )}
        {message.outgoing && message.token !== null && (
          <button type="button" onClick={() => (app.ui.dialog.value = { kind: 'message-info', messageId: message.id })}>
            {t('message.info')}
          </button>
        )}
      </div>
      <ErrorAlert message={error.value} />
    </article>
  );
}
