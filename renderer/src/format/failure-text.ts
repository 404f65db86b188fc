// What a failure says, held as words not yet worded: a state or a component keeps these and
// words them as it renders, so a language chosen meanwhile rewords them too.
import { userText } from '../../../i18n/user-text';
import type { MessageKey, TextParams, UserText } from '../../../i18n/user-text';
import { said, t } from '../state/language';
import { TigerError } from '../tiger';

/** A catalog message, and where it tells why something failed, that failure's own words as `{reason}`. */
export type Wording = UserText & { reason?: UserText };

/** What a failure says: main's words for a TigerError; otherwise the error's message as it is. */
export function failureText(failure: unknown): UserText {
  if (failure instanceof TigerError) return failure.text;
  return userText('said.english', { text: failure instanceof Error ? failure.message : String(failure) });
}

/** The message `key` about `failure`, which it words as `{reason}`. */
export function because(key: MessageKey, failure: unknown, params?: TextParams): Wording {
  return { key, ...(params === undefined ? {} : { params }), reason: failureText(failure) };
}

/** A Wording in the window's language now (null stays null). */
export function worded(wording: Wording | null): string | null {
  if (wording === null) return null;
  return wording.reason === undefined ? said(wording) : t(wording.key, { ...wording.params, reason: said(wording.reason) });
}
