import { useSignal } from '@preact/signals';
import { useId } from 'preact/hooks';
import { useApp } from '../app-context';
import { nextIndex } from '../common/list-keys';
import { kindTag } from '../../format/conversation-kind';
import { t } from '../../state/language';

const shown = 50;

/** A filter box over the roster with a listbox driven by arrow keys and Enter. */
export function ConversationPicker({ label, onChoose }: { label: string; onChoose: (conversationId: string) => void }) {
  const app = useApp();
  const query = useSignal('');
  const active = useSignal(0);
  const listId = useId();
  const needle = query.value.trim().toLocaleLowerCase();
  const matches = app.roster.order.value
    .filter((id) => needle === '' || (app.roster.get(id)?.name.toLocaleLowerCase().includes(needle) ?? false))
    .slice(0, shown);
  const activeIndex = Math.min(active.value, Math.max(0, matches.length - 1));
  const activeId = matches[activeIndex];
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      if (activeId !== undefined) onChoose(activeId);
      return;
    }
    const next = nextIndex(event.key, activeIndex, matches.length);
    if (next === null || event.key === 'Home' || event.key === 'End') return;
    event.preventDefault();
    active.value = next;
  };
  return (
    <div class="picker">
      <input
        type="text"
        role="combobox"
        aria-label={label}
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={activeId === undefined ? undefined : `${listId}-${activeIndex}`}
        value={query.value}
        onInput={(event) => {
          query.value = event.currentTarget.value;
          active.value = 0;
        }}
        onKeyDown={onKeyDown}
        data-autofocus
      />
      <ul id={listId} role="listbox" aria-label={t('roster.picker.found')} class="picker-list">
        {matches.map((id, index) => {
          const conversation = app.roster.get(id);
          return (
            <li
              key={id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === activeIndex}
              class={index === activeIndex ? 'picker-option active' : 'picker-option'}
              onClick={() => onChoose(id)}
            >
              {conversation?.name}
              {conversation !== undefined && kindTag(conversation) !== null && <span class="tag">{kindTag(conversation)}</span>}
            </li>
          );
        })}
      </ul>
      {matches.length === 0 && <p class="subtle">{t('roster.picker.none')}</p>}
    </div>
  );
}
