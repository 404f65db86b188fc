import { useSignal } from '@preact/signals';
import type { Signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { PersonView } from '../../../../preload/contract';
import { t } from '../../state/language';
import { useApp } from '../app-context';

/** A person as main holds them, followed through main's change pushes; null until known or when `token` is null. */
export function usePerson(token: string | null): Signal<PersonView | null> {
  const app = useApp();
  const person = useSignal<PersonView | null>(null);
  useEffect(() => {
    person.value = null;
    if (token === null) return;
    let current = true;
    // Someone main cannot describe simply shows nothing more than their name.
    app.api.person({ token }).then((found) => current && (person.value = found), () => undefined);
    const stop = app.api.on('change', (set) => {
      const changed = set.people.find((candidate) => candidate.token === token);
      if (changed !== undefined) person.value = changed;
    });
    return () => {
      current = false;
      stop();
    };
  }, [token]);
  return person;
}

/** "Do not disturb: In surgery until 3", or without the colon when they left no message. */
export function doNotDisturbText(person: PersonView): string {
  return person.dndText === undefined ? t('common.dnd') : t('common.dnd.text', { text: person.dndText });
}
