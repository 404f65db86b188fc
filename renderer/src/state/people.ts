import { signal } from '@preact/signals';
import type { PersonView, TigerApi } from '../../../preload/contract';

export type PeopleStore = {
  /** The person's name if known; asks main once for an unknown token. */
  nameOf(token: string): string | undefined;
  remember(people: readonly PersonView[]): void;
  /** Forgets everyone: another account may see other people under the same tokens. */
  clear(): void;
};

export function createPeopleStore(api: Pick<TigerApi, 'person'>): PeopleStore {
  // People looked up so far, by token.
  const known = signal<ReadonlyMap<string, PersonView>>(new Map());
  const asked = new Set<string>();
  const remember = (people: readonly PersonView[]): void => {
    if (people.length === 0) return;
    const next = new Map(known.peek());
    for (const person of people) next.set(person.token, person);
    known.value = next;
  };
  return {
    remember,
    clear() {
      asked.clear();
      known.value = new Map();
    },
    nameOf(token) {
      const person = known.value.get(token);
      if (person !== undefined) return person.name;
      if (!asked.has(token)) {
        asked.add(token);
        // An unknown sender still shows (by token) if the lookup fails.
        api.person({ token }).then((found) => remember([found]), () => undefined);
      }
      return undefined;
    },
  };
}
