/**
 * Migration 14's reading of the failure reasons stored as English sentences before: a sentence
 * the code produced is recognised as the catalog message it is now (its key, and its variable
 * parts as parameters); anything else (a server's words, a system error's, a sentence of an
 * older version) becomes `said.english` of its text, so nothing is lost.
 *
 * A message is matched through its English wording: its literal parts must match exactly, its
 * simple `{name}` parameters take the text between them (digits only for the names that are
 * numbers). Messages with a select or a plural are matched by hand, below.
 */
import en from '../../../i18n/catalogs/en.json';
import type { MessageKey, TextParams, UserText } from '../../../i18n/user-text';

/** The prefixes of the keys a stored failure reason was worded from; more specific keys first. */
const candidatePrefixes = ['failure.', 'outbox.', 'store.attachment-', 'store.disk-full', 'api.http'];

/** Parameters that are numbers (a status, a count, a size): matched as digits and stored as numbers. */
const numeric: ReadonlySet<string> = new Set(['status', 'hours', 'minutes', 'ms', 'bytes', 'job', 'message']);

interface Pattern {
  key: MessageKey;
  regex: RegExp;
  names: string[];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function patternOf(key: MessageKey, message: string): Pattern | null {
  // A select or a plural is matched by hand (below); a quote would change what the literal parts are.
  if (message.includes(', select,') || message.includes(', plural,') || /'[{}#]/.test(message)) return null;
  const names: string[] = [];
  let source = '';
  let rest = message;
  for (let match = /\{(\w+)\}/.exec(rest); match !== null; match = /\{(\w+)\}/.exec(rest)) {
    source += escape(rest.slice(0, match.index));
    const name = match[1]!;
    names.push(name);
    // The status of a reply the client could not number is '?'.
    source += numeric.has(name) ? (name === 'status' ? '(\\d+|\\?)' : '(\\d+)') : '([\\s\\S]+?)';
    rest = rest.slice(match.index + match[0].length);
  }
  source += escape(rest);
  return { key, regex: new RegExp(`^${source}$`), names };
}

// Longer messages first: "…(HTTP {status}): {serverMessage}" is tried before "…(HTTP {status})".
const patterns: readonly Pattern[] = (Object.entries(en) as [MessageKey, string][])
  .filter(([key]) => candidatePrefixes.some((prefix) => key.startsWith(prefix)))
  .map(([key, message]) => patternOf(key, message))
  .filter((pattern): pattern is Pattern => pattern !== null)
  .sort((a, b) => b.regex.source.length - a.regex.source.length);

const apiKinds = ['network', 'timeout', 'aborted', 'bad-response', 'too-large'];

/** The UserText a stored English sentence says; `said.english` of it when it is not one the code produced. */
export function recogniseReason(text: string): UserText {
  for (const { key, regex, names } of patterns) {
    const match = regex.exec(text);
    if (match === null) continue;
    const params: TextParams = {};
    names.forEach((name, index) => {
      const value = match[index + 1]!;
      params[name] = numeric.has(name) && /^\d+$/.test(value) ? Number(value) : value;
    });
    return names.length === 0 ? { key } : { key, params };
  }
  // An ApiError's own message: "{operation}: {kind}" or "{operation}: {kind}: {detail}".
  const api = /^(\w+): ([a-z-]+)(?:: ([\s\S]+))?$/.exec(text);
  if (api !== null && apiKinds.includes(api[2]!)) {
    const kind = api[2]!.replace(/-/g, '_');
    return api[3] === undefined
      ? { key: 'api.failed', params: { operation: api[1]!, kind } }
      : { key: 'api.failed-detail', params: { operation: api[1]!, kind, detail: api[3] } };
  }
  return { key: 'said.english', params: { text } };
}
