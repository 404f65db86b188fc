import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context';
import { DEFAULT_PAGE_SIZE, LARGEST_PAGE_SIZE, SEARCH_TYPES, searchDirectory } from '../directory-search';
import type { DirectorySearch, SearchType } from '../directory-search';
import { badRequest } from '../errors';
import { optionalInteger, optionalJson, optionalString, requiredList } from '../fields';
import { authenticate } from '../sessions';
import { withInput } from './route-input';

/** The one field `bool.must` may name. */
const SEARCHABLE_FIELD = 'display_name';

export function registerSearchRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.post('/v2/search', async (request, reply) => {
    const caller = authenticate(ctx, request);
    const result = await withInput(ctx, request, ({ fields }) => searchDirectory(ctx, caller.account, readSearch(fields)));
    return reply.send({ reply: result });
  });
}

/** The search asked for, in any of the three body encodings (form encodings carry `bool` as JSON text). */
function readSearch(fields: Record<string, unknown>): DirectorySearch {
  const types = requiredList(fields, 'type').map((type) => {
    if (!(SEARCH_TYPES as readonly string[]).includes(type)) {
      throw badRequest(`field "type": unknown type "${type}" (expected ${SEARCH_TYPES.join(', ')})`);
    }
    return type as SearchType;
  });
  const resultsFormat = optionalString(fields, 'results_format') ?? 'entities';
  if (resultsFormat !== 'entities' && resultsFormat !== 'tokens') {
    throw badRequest(`field "results_format" must be "entities" or "tokens", not "${resultsFormat}"`);
  }
  const pageSize = optionalInteger(fields, 'page_size') ?? DEFAULT_PAGE_SIZE;
  if (pageSize < 1 || pageSize > LARGEST_PAGE_SIZE) throw badRequest(`field "page_size" must be from 1 to ${LARGEST_PAGE_SIZE}`);
  const continuation = optionalString(fields, 'continuation');
  return {
    types,
    directory: requiredList(fields, 'directory'),
    typed: typedName(optionalJson(fields, 'bool')),
    resultsFormat,
    pageSize,
    continuation: continuation === '' ? undefined : continuation,
  };
}

/** `bool: {must: {display_name: "jor"}}`; no `bool` at all matches everyone, as an empty string does. */
function typedName(bool: unknown): string {
  if (bool === undefined || bool === null) return '';
  if (typeof bool !== 'object' || Array.isArray(bool)) throw badRequest('field "bool" must be an object {must: {display_name}}');
  const known = Object.keys(bool).find((key) => key !== 'must');
  if (known !== undefined) throw badRequest(`field "bool.${known}" is not supported (only "bool.must")`);
  const must = (bool as { must?: unknown }).must;
  if (must === undefined || must === null) return '';
  if (typeof must !== 'object' || Array.isArray(must)) throw badRequest('field "bool.must" must be an object {display_name}');
  const other = Object.keys(must).find((key) => key !== SEARCHABLE_FIELD);
  if (other !== undefined) throw badRequest(`field "bool.must.${other}" is not searchable (only "${SEARCHABLE_FIELD}")`);
  const typed = (must as Record<string, unknown>)[SEARCHABLE_FIELD] ?? '';
  if (typeof typed !== 'string') throw badRequest(`field "bool.must.${SEARCHABLE_FIELD}" must be a string`);
  if (typed.length > 200) throw badRequest(`field "bool.must.${SEARCHABLE_FIELD}" is longer than 200 characters`);
  return typed;
}
