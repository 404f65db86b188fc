/**
 * What a person is called wherever TigerDesk shows them (roster, thread, cards, notifications,
 * the CLI): the name the server gives them, else their first and last name, else their
 * username, else their token. The API has no email on a user, and a token is what the roster
 * has always shown for someone it cannot name, so nothing says "Someone" where a name could be.
 * Blank fields (the server sends "" for what nobody filled in) count as missing.
 */

/** The name fields of a person, as the store holds them (null) or the API leaves them out (undefined). */
export interface PersonName {
  displayName?: string | null | undefined;
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
  username?: string | null | undefined;
}

/** The name of someone the store can name; null when it holds no name for them. */
export function knownNameOf(person: PersonName | undefined): string | null {
  if (person === undefined) return null;
  const fullName = [person.firstName, person.lastName].map((part) => part?.trim() ?? '').filter((part) => part !== '').join(' ');
  return [person.displayName?.trim() ?? '', fullName, person.username?.trim() ?? ''].find((name) => name !== '') ?? null;
}

/** What the window, notifications and the CLI call the person with this token. */
export function displayNameOf(person: PersonName | undefined, token: string): string {
  return knownNameOf(person) ?? token;
}

/**
 * knownNameOf in SQL over a `users` row under `alias`, for queries that search or order by
 * the name shown: NULL where knownNameOf is null. Kept beside it so the two cannot drift.
 */
export function knownNameSql(alias: string): string {
  // JavaScript's trim also takes tabs and line breaks; SQLite's takes only spaces unless told.
  const trim = (value: string) => `trim(${value}, ' ' || char(9) || char(10) || char(13))`;
  const blankless = (value: string) => `nullif(${trim(value)}, '')`;
  const fullName = `coalesce(${trim(`${alias}.first_name`)}, '') || ' ' || coalesce(${trim(`${alias}.last_name`)}, '')`;
  return `coalesce(${blankless(`${alias}.display_name`)}, ${blankless(fullName)}, ${blankless(`${alias}.username`)})`;
}
