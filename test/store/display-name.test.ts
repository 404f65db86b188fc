import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../main/core/store';
import { displayNameOf, knownNameOf, knownNameSql } from '../../main/core/store/display-name';
import type { PersonName } from '../../main/core/store/display-name';
import { randomKey, useTempDirs } from './temp-dir';

const tempDir = useTempDirs();

const nobody: PersonName = { displayName: null, firstName: null, lastName: null, username: null };

describe('the name a person is shown under', () => {
  it('is the display name first, then first and last name, then the username, then the token', () => {
    const ann = { displayName: 'Dr Ann Lee', firstName: 'Ann', lastName: 'Lee', username: 'alee' };
    expect(displayNameOf(ann, 'u-ann')).toBe('Dr Ann Lee');
    expect(displayNameOf({ ...ann, displayName: null }, 'u-ann')).toBe('Ann Lee');
    expect(displayNameOf({ ...ann, displayName: null, firstName: null }, 'u-ann')).toBe('Lee');
    expect(displayNameOf({ ...nobody, username: 'alee' }, 'u-ann')).toBe('alee');
    expect(displayNameOf(nobody, 'u-ann')).toBe('u-ann');
    expect(displayNameOf(undefined, 'u-ann')).toBe('u-ann');
  });

  it('skips the blank fields the server sends for what nobody filled in', () => {
    expect(displayNameOf({ displayName: '  ', firstName: '', lastName: ' Lee ', username: 'alee' }, 'u-ann')).toBe('Lee');
    expect(knownNameOf({ displayName: '', firstName: ' ', lastName: null, username: '\t' })).toBeNull();
  });

  it('is the same in SQL as in TypeScript', () => {
    const store = openStore({ dir: tempDir(), key: randomKey() });
    const field = fc.option(fc.stringMatching(/^[ \tA-Za-z]{0,6}$/), { nil: null });
    fc.assert(fc.property(fc.record({ displayName: field, firstName: field, lastName: field, username: field }), (person) => {
      store.people.upsertUser({ token: 'u-any', ...person });
      // upsertUser keeps a stored value for a field given as null: write the row as given.
      store.statements.prepare('UPDATE users SET display_name = ?, first_name = ?, last_name = ?, username = ? WHERE token = ?')
        .run(person.displayName, person.firstName, person.lastName, person.username, 'u-any');
      const row = store.statements.prepare<{ name: string | null }>(`SELECT ${knownNameSql('u')} AS name FROM users u WHERE token = 'u-any'`).get();
      expect(row?.name).toBe(knownNameOf(person));
    }));
    store.close();
  });
});
