import { t } from '../../state/language';
import { useApp } from '../app-context';

/**
 * The quick replies (Settings, or hospital IT's) as a row of buttons by the message box: one
 * click, or Enter or Space on one, sends its text at once. Each is named for what it does,
 * since "Done" alone would read as a dialog's button; a long one is cut short on screen, its
 * whole text in its name and tooltip.
 */
export function QuickReplies() {
  const app = useApp();
  const replies = app.settings.settings.value?.quickReplies ?? [];
  if (replies.length === 0) return null;
  return (
    <div class="quick-replies" role="group" aria-label={t('composer.quick-replies')}>
      {replies.map((reply) => (
        <button key={reply} type="button" class="quick-reply" aria-label={t('composer.quick-reply-named', { text: reply })} title={reply} onClick={() => void app.composer.sendQuickReply(reply)}>
          {reply}
        </button>
      ))}
    </div>
  );
}
