/**
 * Fixtures made and ended by vitest hooks, handed to tests that name them at the top of a file,
 * before they exist.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

/** 'file': made before the first test of the file (or describe block) and ended after its last; 'test': made anew for each test and ended after it. */
export type FixtureScope = 'file' | 'test';

/**
 * Registers hooks that make a fixture with `open` and end it with `close`, over `scope`, and
 * returns a function that gives the fixture while it is open. Hooks the file registers later
 * run after the opening and before the closing.
 */
export function useFixture<T>(scope: FixtureScope, open: () => Promise<T>, close: (fixture: T) => Promise<void>): () => T {
  let opened: { fixture: T } | undefined;
  const make = async () => {
    opened = { fixture: await open() };
  };
  const end = async () => {
    if (opened === undefined) return;
    const { fixture } = opened;
    opened = undefined;
    await close(fixture);
  };
  if (scope === 'file') {
    beforeAll(make);
    afterAll(end);
  } else {
    beforeEach(make);
    afterEach(end);
  }
  return () => {
    if (opened === undefined) throw new Error(`this fixture is open only inside the hooks and tests of its ${scope}`);
    return opened.fixture;
  };
}

/**
 * An object that stands for whatever `current()` gives at the moment each member is read, so
 * that a fixture from useFixture can be passed on as the thing itself. `members` lists every
 * member of T: a member added to T is a compile error here until it is listed.
 */
export function readThrough<T extends object>(current: () => T, members: Record<keyof T, true>): T {
  const handle = {};
  for (const member of Object.keys(members) as (keyof T & string)[]) {
    Object.defineProperty(handle, member, {
      enumerable: true,
      get() {
        const target = current();
        const value = target[member];
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }
  return handle as T;
}
