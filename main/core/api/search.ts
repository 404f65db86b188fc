/** Directory search (`POST /v2/search`): people and groups by name, a page at a time. */
import { exchangeForReply, requireText } from './http';
import type { CallOptions, Connection } from './http';
import { searchPageSchema } from './schemas';
import type { SearchPage, SearchType } from './types';

export interface SearchDirectoryInput {
  /** What to look for; at least one. */
  types: readonly SearchType[];
  /** The organizations to look in (tokens); at least one. */
  directory: readonly string[];
  /** A prefix of any word of the name, or of the email or username, any case; '' finds everyone. */
  name: string;
  pageSize?: number;
  /** The previous page's `metadata.continuation`, for the page after it. */
  continuation?: string;
}

export function searchOperations(connection: Connection) {
  return {
    async searchDirectory(input: SearchDirectoryInput, options: Pick<CallOptions, 'signal'> = {}): Promise<SearchPage> {
      if (input.types.length === 0) throw new TypeError('searchDirectory: types must name at least one kind');
      if (input.directory.length === 0) throw new TypeError('searchDirectory: directory must name at least one organization');
      input.directory.forEach((organization) => requireText('searchDirectory', 'directory', organization));
      const body: Record<string, unknown> = {
        type: [...input.types],
        directory: [...input.directory],
        bool: { must: { display_name: input.name } },
        results_format: 'entities',
      };
      if (input.pageSize !== undefined) body['page_size'] = input.pageSize;
      if (input.continuation !== undefined) body['continuation'] = input.continuation;
      return exchangeForReply(connection, { operation: 'searchDirectory', method: 'POST', path: '/search', body: { json: body }, signal: options.signal }, searchPageSchema);
    },
  };
}
