import type { MessageKey, TextParams } from '../../../i18n/user-text';
import { said, t } from '../state/language';
import { TigerError } from '../tiger';

/** What a failure says, in the window's language (main's words for a TigerError). */
export function errorText(error: unknown): string {
  return error instanceof TigerError ? said(error.text) : error instanceof Error ? error.message : String(error);
}

/**
 * Something the window says later (a failure, a notice) held as a catalog key and its values,
 * not as words: it is worded when shown, so it follows a change of language. The failure it
 * reports, if any, fills the message's `{error}`; a failure alone is said as errorText says it.
 */
export type Wording = { key: MessageKey; params?: TextParams; failure?: unknown } | { failure: unknown };

export function wording(key: MessageKey, params?: TextParams): Wording {
  return params === undefined ? { key } : { key, params };
}

/** A failure, said alone or as the `{error}` of `key`'s message. */
export function failureWording(failure: unknown, key?: MessageKey, params?: TextParams): Wording {
  return key === undefined ? { failure } : { key, failure, ...(params === undefined ? {} : { params }) };
}

/** A Wording in the window's language now (a component that calls it follows the language). */
export function worded(what: Wording): string;
export function worded(what: Wording | null): string | null;
export function worded(what: Wording | null): string | null {
  if (what === null) return null;
  if (!('key' in what)) return errorText(what.failure);
  return t(what.key, 'failure' in what ? { ...what.params, error: errorText(what.failure) } : what.params);
}
