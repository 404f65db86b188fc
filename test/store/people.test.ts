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
  it('are found by display name, full name, username or conversation name, ordered by the name shown', () => {
    const store = storeWithPeople();
    expect(store.people.matching('ann', { except: 'u-me', limit: 10 })).toEqual(['u-ann', 'u-cat', 'u-zed']);
    expect(store.people.matching('ANN LEE', { except: 'u-me', limit: 10 })).toEqual(['u-ann']);
    expect(store.people.matching('bray', { except: 'u-me', limit: 10 })).toEqual(['u-bob']);
    expect(store.people.matching('ann', { except: 'u-me', limit: 2 })).toEqual(['u-ann', 'u-cat']);
    store.close();
  });

  it('never include the one asking, and take % and _ literally', () => {
    const store = storeWithPeople();
    expect(store.people.matching('Myself', { except: 'u-me', limit: 10 })).toEqual([]);
    expect(store.people.matching('d_a', { except: 'u-me', limit: 10 })).toEqual(['u-zed']);
    expect(store.people.matching('%', { except: 'u-me', limit: 10 })).toEqual([]);
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
