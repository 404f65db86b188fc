import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import type { DirectoryKind, DirectoryResult } from '../../../../preload/contract';
import { worded } from '../../format/failure-text';
import type { AppState } from '../../state/app-state';
import { createDirectorySearch } from '../../state/directory-search';
import { t } from '../../state/language';
import type { DirectorySearchState } from '../../state/directory-search';
import { useApp } from '../app-context';
import { Avatar } from '../common/avatar';
import { ErrorAlert } from '../common/error-alert';

/** How close to the end of the list (px) scrolling asks for the next page. */
const nextPageMarginPx = 48;

/** A directory search kept for as long as the component, re-asked when the query or organization changes. */
export function useDirectorySearch(kinds: readonly DirectoryKind[], query: string, organization: string | null): DirectorySearchState {
  const app = useApp();
  const chosenOrganization = useSignal(organization);
  chosenOrganization.value = organization;
  const search = useMemo(
    () => createDirectorySearch(app.api, { kinds, organization: () => chosenOrganization.peek() }),
    [kinds.join(',')],
  );
  useEffect(() => () => search.dispose(), [search]);
  useEffect(() => search.search(query), [search, query, organization]);
  return search;
}

type DirectorySearchProps = {
  label: string;
  kinds: readonly DirectoryKind[];
  /** The organization to look in; null: all of the user's. */
  organization: string | null;
  action: (result: DirectoryResult) => string;
  onAction: (result: DirectoryResult) => void;
  /** Tokens not to list (people already chosen). */
  exclude?: readonly string[];
  autofocus?: boolean;
};

/**
 * Finds people (and groups) by name, email or phone as the person types: those held on this
 * computer first, then the directory's, a page more as the list is scrolled to its end.
 */
export function DirectorySearch({ label, kinds, organization, action, onAction, exclude = [], autofocus = true }: DirectorySearchProps) {
  const query = useSignal('');
  const search = useDirectorySearch(kinds, query.value, organization);
  return (
    <div class="people-search">
      <input
        type="search"
        aria-label={label}
        placeholder={kinds.includes('group') ? t('directory.placeholder.groups') : t('directory.placeholder')}
        value={query.value}
        onInput={(event) => (query.value = event.currentTarget.value)}
        data-autofocus={autofocus ? true : undefined}
      />
      <DirectoryResultList search={search} query={query.value} action={action} onAction={onAction} exclude={exclude} />
    </div>
  );
}

/**
 * What a directory search found: each result with title, department and organization, so two
 * people of one name can be told apart, and their DND when known; the next page asked for as
 * the list is scrolled to its end (or with "More results").
 */
export function DirectoryResultList({ search, query, action, onAction, exclude = [] }: {
  search: DirectorySearchState;
  query: string;
  action: (result: DirectoryResult) => string;
  onAction: (result: DirectoryResult) => void;
  exclude?: readonly string[];
}) {
  const shown = search.results.value.filter((result) => !exclude.includes(result.token));
  const nearEnd = (list: HTMLElement) => list.scrollTop + list.clientHeight >= list.scrollHeight - nextPageMarginPx;
  return (
    <>
      {search.offline.value && <p class="subtle" role="status">{t('directory.offline')}</p>}
      <ErrorAlert message={worded(search.error.value)} />
      <ul class="people-list" aria-label={t('directory.found')} onScroll={(event) => nearEnd(event.currentTarget) && search.more()}>
        {shown.map((result) => (
          <li key={`${result.kind}:${result.token}:${result.organizationKey ?? ''}`} class="person-row">
            <Avatar name={result.name} token={result.token} avatar={result.avatar} group={result.kind === 'group'} />
            <span class="person-details">
              <span>{result.name}</span>
              <span class="subtle">{resultDetails(result)}</span>
              {result.kind === 'person' && result.dnd && <span class="subtle dnd-line">{result.dndText === null ? t('common.dnd') : t('common.dnd.text', { text: result.dndText })}</span>}
            </span>
            <button type="button" onClick={() => onAction(result)} aria-label={t('directory.action', { action: action(result), name: result.name })}>
              {action(result)}
            </button>
          </li>
        ))}
      </ul>
      {search.hasMore.value && (
        <button type="button" class="link-button" disabled={search.searching.value} onClick={() => search.more()}>
          {t('directory.more')}
        </button>
      )}
      {shown.length === 0 && search.answered.value && query.trim() !== '' && search.error.value === null && <p class="subtle">{t('directory.none')}</p>}
    </>
  );
}

/** What tells two results of one name apart: title, department and organization (a group: its member count). */
function resultDetails(result: DirectoryResult): string {
  const parts = result.kind === 'person'
    ? [result.title, result.department, result.organizationName]
    : [result.members === null ? t('directory.group') : t('directory.group.members', { count: result.members }), result.organizationName];
  return parts.filter((part) => part !== null && part !== '').join(' · ');
}

/**
 * Opens the conversation with what was found: a group's own, or the 1:1 with the person in the
 * organization they were found in (`organization` when the result names none).
 */
export async function openDirectoryResult(app: AppState, found: DirectoryResult, organization: string | null): Promise<void> {
  const open = (id: string) => {
    app.openConversation(id, { name: found.name });
    app.ui.focusComposer.value += 1;
  };
  if (found.kind === 'group') {
    open(found.token);
    return;
  }
  const organizationKey = found.organizationKey ?? organization;
  const conversation = await app.api.startConversation({ token: found.token, ...(organizationKey === null ? {} : { organizationKey }) });
  app.roster.apply([conversation], []);
  open(conversation.id);
}
