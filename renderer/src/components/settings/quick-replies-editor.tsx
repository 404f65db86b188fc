import { useSignal } from '@preact/signals';
import { t } from '../../state/language';
import { LockedNote } from './locked-note';
import { useApp } from '../app-context';

/** Main checks these too (the contract's quick-reply rules); here they only keep the fields within them. */
const mostReplies = 10;
const longestReply = 200;

/**
 * The quick replies offered in the composer and in message notifications: each saved as soon as
 * it is changed (on leaving the field, or Enter), removed with its own button, added below.
 * Locked, shown but not editable, when hospital IT sets them.
 */
export function QuickRepliesEditor({ replies, locked }: { replies: readonly string[]; locked: boolean }) {
  const app = useApp();
  const adding = useSignal('');
  const save = (next: string[]) => app.settings.update({ quickReplies: next });
  return (
    <section class="quick-replies-editor" aria-labelledby="quick-replies-heading">
      <h3 id="quick-replies-heading">
        {t('settings.quick-replies')}
        <LockedNote locked={locked} />
      </h3>
      <p class="subtle">{t('settings.quick-replies.about')}</p>
      {replies.length === 0 ? (
        <p class="subtle">{t('settings.quick-replies.none')}</p>
      ) : (
        <ol>
          {replies.map((reply, index) => (
            // Keyed by place and text: a refused edit re-renders the field with the saved text.
            <li key={`${index}:${reply}`}>
              <input
                type="text"
                aria-label={t('settings.quick-replies.item', { number: index + 1 })}
                value={reply}
                maxLength={longestReply}
                disabled={locked}
                onChange={(event) => void save(replies.map((other, at) => (at === index ? event.currentTarget.value : other)))}
              />
              {!locked && (
                <button type="button" aria-label={t('settings.quick-replies.remove-named', { text: reply })} onClick={() => void save(replies.filter((_, at) => at !== index))}>
                  {t('settings.quick-replies.remove')}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {!locked && replies.length < mostReplies && (
        <form
          class="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            const text = adding.value.trim();
            if (text === '') return;
            void save([...replies, text]).then((saved) => {
              if (saved) adding.value = '';
            });
          }}
        >
          <label class="field">
            <span>{t('settings.quick-replies.new')}</span>
            <input type="text" value={adding.value} maxLength={longestReply} onInput={(event) => (adding.value = event.currentTarget.value)} />
          </label>
          <button type="submit" disabled={adding.value.trim() === ''}>
            {t('settings.quick-replies.add')}
          </button>
        </form>
      )}
    </section>
  );
}
