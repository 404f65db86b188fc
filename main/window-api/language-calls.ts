// The window's catalogs: it holds English (its source language) and asks for the one it speaks
// when that is another, so a window loads only its own language.
import { catalogs } from '../../i18n/shipped-catalogs';
import type { CallHandlers } from './answer-call';

export function languageCalls(): Pick<CallHandlers, 'catalog'> {
  return { catalog: ({ language }) => ({ ...catalogs[language] }) };
}
