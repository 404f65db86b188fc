import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { PersonView } from '../../../../preload/contract';
import { errorText } from '../../format/error-text';
import { useApp } from '../app-context';
import { Avatar } from '../common/avatar';
import { doNotDisturbText } from '../common/use-person';
import { ErrorAlert } from '../common/error-alert';

const searchDelayMs = 200;

/** Searches the directory as the person types; `renderAction` decides what each result offers. */
export function PeopleSearch({ label, action, onAction, exclude = [] }: { label: string; action: (person: PersonView) => string; onAction: (person: PersonView) => void; exclude?: readonly string[] }) {
  const app = useApp();
  const query = useSignal('');
  const results = useSignal<PersonView[]>([]);
  const error = useSignal<string | null>(null);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      app.api.searchPeople({ query: query.value.trim().slice(0, 200) }).then(
        (found) => {
          if (!current) return;
          results.value = found;
          error.value = null;
        },
        (failure: unknown) => current && (error.value = `Search failed: ${errorText(failure)}`),
      );
    }, searchDelayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query.value]);
  const shown = results.value.filter((person) => !exclude.includes(person.token));
  return (
    <div class="people-search">
      <input type="search" aria-label={label} value={query.value} onInput={(event) => (query.value = event.currentTarget.value)} data-autofocus />
      <ErrorAlert message={error.value} />
      <ul class="people-list" aria-label="People found">
        {shown.map((person) => (
          <li key={person.token} class="person-row">
            <Avatar name={person.name} token={person.token} avatar={person.avatar} />
            <span class="person-details">
              <span>{person.name}</span>
              <span class="subtle">{[person.title, person.department].filter((part) => part !== null && part !== '').join(', ')}</span>
              {person.dnd && <span class="subtle dnd-line">{doNotDisturbText(person)}</span>}
            </span>
            <button type="button" onClick={() => onAction(person)} aria-label={`${action(person)} ${person.name}`}>
              {action(person)}
            </button>
          </li>
        ))}
      </ul>
      {shown.length === 0 && query.value.trim() !== '' && error.value === null && <p class="subtle">Nobody found.</p>}
    </div>
  );
}
