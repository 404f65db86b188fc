/**
 * Turns a valibot failure into an ApiError of kind 'bad-response' that names the operation
 * and the wrong field. Never quotes the value found: it may be a message body.
 */
import * as v from 'valibot';
import { ApiError } from './api-error';

type AnyIssue = v.BaseIssue<unknown>;

export function parseWith<T>(
  schema: v.GenericSchema<unknown, T>,
  input: unknown,
  operation: string,
  where = 'reply',
): T {
  const result = v.safeParse(schema, input);
  if (result.success) return withoutAbsent(result.output) as T;
  throw new ApiError({ kind: 'bad-response', operation, detail: describeIssue(deepest(result.issues[0]), where) });
}

/** A null on the wire parses to undefined: drop the key so that `key in value` means "given". */
function withoutAbsent(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutAbsent);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .map(([key, field]) => [key, withoutAbsent(field)]),
  );
}

interface Located {
  issue: AnyIssue;
  path: string[];
}

/**
 * A union reports one issue per branch, with paths relative to the union. The branch that
 * got furthest (a deeper path, or the right type but a failed check) names the real fault;
 * if every branch failed on type, the union's own "expected a | b" says it best.
 */
function deepest(issue: AnyIssue, prefix: string[] = []): Located {
  const path = [...prefix, ...(issue.path ?? []).map((item) => String(item.key))];
  const branches = (issue.issues ?? []).map((branch) => deepest(branch, path));
  const best = branches.reduce<Located | undefined>((a, b) => (a === undefined || rank(b) > rank(a) ? b : a), undefined);
  if (best === undefined || (best.issue.kind === 'schema' && best.path.length === path.length)) {
    return { issue, path };
  }
  return best;
}

function rank(located: Located): number {
  return located.path.length * 2 + (located.issue.kind === 'schema' ? 0 : 1);
}

function describeIssue({ issue, path }: Located, where: string): string {
  const field = [where, ...path].join('.');
  if (issue.kind === 'schema') {
    return issue.input === undefined
      ? `${field}: missing`
      : `${field}: expected ${issue.expected ?? 'another type'}, got ${typeName(issue.input)}`;
  }
  return `${field}: ${issue.message}`;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
