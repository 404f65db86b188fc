import { said } from '../state/language';
import { TigerError } from '../tiger';

/** What a failure says, in the window's language (main's words for a TigerError). */
export function errorText(error: unknown): string {
  return error instanceof TigerError ? said(error.text) : error instanceof Error ? error.message : String(error);
}
