import { batch, computed, signal } from '@preact/signals';
import type { ReadonlySignal } from '@preact/signals';
import type { DirectoryKind, DirectoryResult, TigerApi } from '../../../preload/contract';
import { because } from '../format/failure-text';
import type { Wording } from '../format/failure-text';

/** How long typing must pause before the directory is asked. */
const searchDelayMs = 250;

export type DirectorySearchState = {
  /** What was found for the latest query, held ones first, then the server's pages in order. */
  readonly results: ReadonlySignal<readonly DirectoryResult[]>;
  /** The server could not be reached: only people held on this computer were searched. */
  readonly offline: ReadonlySignal<boolean>;
  /** A search (or the next page) is under way. */
  readonly searching: ReadonlySignal<boolean>;
  /** The server has more pages for the latest query. */
  readonly hasMore: ReadonlySignal<boolean>;
  /** The latest query was answered (until then, "nobody found" is not yet true). */
  readonly answered: ReadonlySignal<boolean>;
  /** Why the latest search failed, worded as it is shown. */
  readonly error: ReadonlySignal<Wording | null>;
  /** Searches for `typed` once typing pauses; a newer query supersedes it. */
  search(typed: string): void;
  /** Asks for the next page of the latest query (nothing when there is none or one is coming). */
  more(): void;
  dispose(): void;
};

export type DirectorySearchOptions = {
  kinds: readonly DirectoryKind[];
  /** The organization to look in when the search runs; null: all of the user's. */
  organization: () => string | null;
  delayMs?: number;
};

/**
 * Directory search as typed: debounced, and cancelable in that each query (and each page)
 * carries a generation, so a reply to an older one is dropped and never overwrites a newer one.
 */
export function createDirectorySearch(api: Pick<TigerApi, 'searchDirectory'>, options: DirectorySearchOptions): DirectorySearchState {
  const results = signal<readonly DirectoryResult[]>([]);
  const offline = signal(false);
  const searching = signal(false);
  const answered = signal(false);
  const error = signal<Wording | null>(null);
  const continuation = signal<string | null>(null);
  let generation = 0;
  let typed = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const ask = (page: string | null): void => {
    const asked = generation;
    const organizationKey = options.organization();
    searching.value = true;
    api.searchDirectory({
      query: typed.trim().slice(0, 200),
      kinds: [...options.kinds],
      ...(organizationKey === null ? {} : { organizationKey }),
      ...(page === null ? {} : { continuation: page }),
    }).then(
      (found) => {
        if (disposed || asked !== generation) return;
        batch(() => {
          results.value = page === null ? found.results : [...results.value, ...found.results];
          offline.value = found.offline;
          continuation.value = found.continuation;
          error.value = null;
          searching.value = false;
          answered.value = true;
        });
      },
      (failure: unknown) => {
        if (disposed || asked !== generation) return;
        batch(() => {
          error.value = because('directory.search-failed', failure);
          searching.value = false;
          answered.value = true;
        });
      },
    );
  };

  return {
    results,
    offline,
    searching,
    hasMore: computed(() => continuation.value !== null),
    answered,
    error,
    search(next) {
      typed = next;
      generation += 1;
      clearTimeout(timer);
      batch(() => {
        answered.value = false;
        // The shown results stay until the answer replaces them, but their next page is no longer asked for.
        continuation.value = null;
      });
      timer = setTimeout(() => ask(null), options.delayMs ?? searchDelayMs);
    },
    more() {
      const page = continuation.peek();
      if (page === null || searching.peek()) return;
      ask(page);
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
    },
  };
}
