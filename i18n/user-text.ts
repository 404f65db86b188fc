// What main says to the user without wording it: a catalog key and its parameters. The window
// words it in the user's language; the CLI and the log word it in English (english.ts).
import type en from './catalogs/en.json';

export type MessageKey = keyof typeof en;
export type TextParams = Record<string, string | number>;

export interface UserText {
  key: MessageKey;
  params?: TextParams;
}

/** A UserText in one expression: `userText('outbox.too-long', { max: 5000 })`. */
export function userText(key: MessageKey, params?: TextParams): UserText {
  return params === undefined ? { key } : { key, params };
}
