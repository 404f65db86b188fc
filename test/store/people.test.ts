import { describe, expect, it } from 'vitest';
import { openStore } from '../../main/core/store';
import type { Store } from '../../main/core/store';
import { randomKey, useTempDirs } from './temp-dir';

const tempDir = useTempDirs();

function storeWithPeople(): Store {
  const store = openStore({ dir: tempDir(), key: randomKey() });
  store.people.upsertUser({ token: 'u-me', displayName: 'Me Myself' });
  store.people.upsertUser({ token: 'u-ann', firstName: 'Ann', lastName: 'Lee' });
  store.people.upsertUser({ token: 'u-bob', displayName: 'Bob Ray', username: 'bray' });
  store.people.upsertUser({ token: 'u-zed', username: 'zed_annex' });
  store.conversations.upsert({ id: 'u-cat', kind: 'user', name: 'Cat Annis' });
  return store;
}

describe('people held in the store', () => {
  it('are candidates for a search by a fragment of display name, first or last name or username, ordered by the name shown', () => {
    const store = storeWithPeople();
    const tokens = (fragment: string, limit = 10) => store.people.containing(fragment, { except: 'u-me', limit }).map((user) => user.token);
    expect(tokens('ann')).toEqual(['u-ann', 'u-zed']);
    expect(tokens('LEE')).toEqual(['u-ann']);
    expect(tokens('bray')).toEqual(['u-bob']);
    expect(tokens('ann', 1)).toEqual(['u-ann']);
    expect(tokens('')).toEqual(['u-ann', 'u-bob', 'u-zed']);
    expect(store.people.containing('bob', { except: 'u-me', limit: 1 })[0]).toMatchObject({ displayName: 'Bob Ray', username: 'bray', dnd: false });
    store.close();
  });

  it('never include the one asking, and take % and _ literally', () => {
    const store = storeWithPeople();
    const tokens = (fragment: string) => store.people.containing(fragment, { except: 'u-me', limit: 10 }).map((user) => user.token);
    expect(tokens('Myself')).toEqual([]);
    expect(tokens('d_a')).toEqual(['u-zed']);
    expect(tokens('%')).toEqual([]);
    store.close();
  });

  it('offer as candidates only the groups whose conversation is on the roster', () => {
    const store = storeWithPeople();
    store.people.upsertGroup({ token: 'g-ward', name: 'Ward 7', numMembers: 3, organizationKey: 'org-1' });
    store.people.upsertGroup({ token: 'g-left', name: 'Ward 9' });
    store.conversations.upsert({ id: 'g-ward', kind: 'group', name: 'Ward 7', organizationKey: 'org-1' });
    store.conversations.upsert({ id: 'g-left', kind: 'group', name: 'Ward 9' });
    store.conversations.setHidden('g-left', true);
    expect(store.people.groupsContaining('war', { limit: 10 })).toEqual([{ token: 'g-ward', name: 'Ward 7', avatar: null, numMembers: 3, organizationKey: 'org-1' }]);
    store.close();
  });

  it('hold a group as last described, or nothing for a group never seen', () => {
    const store = openStore({ dir: tempDir(), key: randomKey() });
    store.people.upsertGroup({ token: 'g-ward', name: 'Ward 7', avatar: 'https://example.test/ward.png' });
    expect(store.people.group('g-ward')).toEqual({ token: 'g-ward', name: 'Ward 7', avatar: 'https://example.test/ward.png' });
    expect(store.people.group('g-other')).toBeUndefined();
    store.close();
  });
});
