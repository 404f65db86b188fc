import { useSignalEffect } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { Priority } from '../../../../preload/contract';
import { worded } from '../../format/error-text';
import { fileSize } from '../../format/size';
import { t } from '../../state/language';
import { useApp } from '../app-context';
import { ChoiceSelect } from '../common/choice-select';
import type { Choice } from '../common/choice-select';
import { ErrorAlert } from '../common/error-alert';
import { QuickReplies } from './quick-replies';

/** Worded when the composer renders, in the window's language then. */
const priorityChoices = (): Choice<Priority>[] => [
  { label: t('composer.priority.normal'), value: 'normal' },
  { label: t('composer.priority.urgent'), value: 'high' },
  { label: t('composer.priority.low'), value: 'low' },
];
/** TTL choices in minutes; null keeps the organisation's default. */
const ttlChoices = (): Choice<number | null>[] => [
  { label: t('composer.expiry.default'), value: null },
  { label: t('composer.expiry.minutes', { count: 5 }), value: 5 },
  { label: t('composer.expiry.hours', { count: 1 }), value: 60 },
  { label: t('composer.expiry.days', { count: 1 }), value: 60 * 24 },
  { label: t('composer.expiry.days', { count: 7 }), value: 60 * 24 * 7 },
  { label: t('composer.expiry.days', { count: 30 }), value: 60 * 24 * 30 },
];
const typingRefreshMs = 5000;
const typingIdleMs = 4000;

/** Tells the others while this person is typing, at most once per few seconds. */
function useTypingSignal(conversationId: string | null) {
  const app = useApp();
  const state = useRef<{ sentAt: number; idle: ReturnType<typeof setTimeout> | null }>({ sentAt: 0, idle: null });
  const stop = () => {
    const current = state.current;
    if (current.idle !== null) clearTimeout(current.idle);
    current.idle = null;
    if (current.sentAt !== 0 && conversationId !== null) void app.api.setTyping({ conversationId, typing: false }).catch(() => undefined);
    current.sentAt = 0;
  };
  useEffect(() => stop, [conversationId]);
  const typed = () => {
    if (conversationId === null) return;
    const current = state.current;
    const now = Date.now();
    if (now - current.sentAt > typingRefreshMs) {
      current.sentAt = now;
      void app.api.setTyping({ conversationId, typing: true }).catch(() => undefined);
    }
    if (current.idle !== null) clearTimeout(current.idle);
    current.idle = setTimeout(stop, typingIdleMs);
  };
  return { typed, stop };
}

export function Composer({ conversationName }: { conversationName: string }) {
  const app = useApp();
  const composer = app.composer;
  const textarea = useRef<HTMLTextAreaElement>(null);
  const typing = useTypingSignal(composer.conversationId.value);
  const live = app.connection.state.value.kind === 'live';
  const attachment = composer.attachment.value;
  const text = composer.text.value;
  // What the conversation's organization allows; its defaults fill what the sender leaves open (in main).
  const openId = composer.conversationId.value;
  const policy = app.organizations.get((openId === null ? undefined : app.roster.watch(openId))?.organizationKey ?? null)?.policy;
  const restricted = policy?.settingsRestricted === true;
  const canSend = (text.trim() !== '' || attachment !== null) && !composer.sending.value;

  useSignalEffect(() => {
    if (app.ui.focusComposer.value > 0) textarea.current?.focus();
  });

  const send = () => {
    typing.stop();
    void composer.send().then((sent) => sent && textarea.current?.focus());
  };

  const onKeyDown = (event: KeyboardEvent) => {
    // Enter sends; Shift+Enter (and Enter while an input method composes) adds a line.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    send();
  };

  const onPaste = (event: ClipboardEvent) => {
    const file = event.clipboardData?.files[0];
    if (file === undefined) return;
    event.preventDefault();
    void composer.attachFile(file);
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      {!live && <p class="composer-note">{t('composer.offline')}</p>}
      {attachment !== null && (
        <div class="pending-attachment">
          <span>{t('composer.attachment', { name: attachment.name, size: fileSize(attachment.size) })}</span>
          <button type="button" onClick={() => (composer.attachment.value = null)} aria-label={t('composer.remove-attachment-named', { name: attachment.name })}>
            {t('composer.remove-attachment')}
          </button>
        </div>
      )}
      <ErrorAlert message={worded(composer.error.value)} />
      <QuickReplies />
      <div class="composer-row">
        <button type="button" class="icon-button" onClick={() => void composer.pick()} aria-label={t('composer.attach')} title={t('composer.attach')}>
          <span aria-hidden="true">+</span>
        </button>
        <textarea
          ref={textarea}
          aria-label={t('composer.message')}
          placeholder={t('composer.placeholder', { name: conversationName })}
          rows={Math.min(8, Math.max(1, text.split('\n').length))}
          value={text}
          maxLength={10_000}
          onInput={(event) => {
            composer.setText(event.currentTarget.value);
            typing.typed();
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={() => void composer.flushDraft()}
        />
        <button type="submit" class="primary" disabled={!canSend}>
          {t('composer.send')}
        </button>
      </div>
      <div class="composer-options">
        <label class="inline">
          {t('composer.priority')}
          <ChoiceSelect
            choices={policy?.priorityAllowed === false ? priorityChoices().filter((choice) => choice.value !== 'high') : priorityChoices()}
            value={composer.priority.value}
            onChoose={(value) => (composer.priority.value = value)}
          />
        </label>
        <label class="inline">
          {t('composer.expires-after')}
          <ChoiceSelect choices={ttlChoices()} value={restricted ? null : composer.ttlMinutes.value} disabled={restricted} onChoose={(value) => (composer.ttlMinutes.value = value)} />
        </label>
        <label class="inline">
          <input
            type="checkbox"
            checked={restricted ? policy.deleteOnRead : composer.deleteOnRead.value ?? policy?.deleteOnRead ?? false}
            disabled={restricted}
            onChange={(event) => (composer.deleteOnRead.value = event.currentTarget.checked)}
          />
          {t('composer.delete-when-read')}
        </label>
        {restricted && <span class="subtle">{t('composer.set-by-organization')}</span>}
        {policy?.priorityAllowed === false && <span class="subtle">{t('composer.urgent-not-allowed')}</span>}
        {composer.priority.value === 'high' && <span class="priority-mark">{t('composer.urgent-notice')}</span>}
      </div>
    </form>
  );
}
