import { t } from '../../state/language';

/**
 * The keys of the app's shortcuts: which key stands for "command" here (Ctrl, or ⌘ on macOS),
 * and whether a key press asks for the keyboard help (F1, or Ctrl+/ and Cmd+/; with or without
 * Shift, since some keyboard layouts need Shift for the slash, and US ones give "?" with it).
 */
export const onMac = () => /Mac|iPhone|iPad/.test(navigator.platform);

/** The command key as its key cap reads: ⌘ on macOS, else the Control key's name in the window's language (Strg in German). */
export function commandKeyName(mac = onMac()): string {
  return mac ? '⌘' : t('keyboard.key.ctrl');
}

export function asksForKeyboardHelp(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  if (event.key === 'F1') return !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey;
  return (event.ctrlKey || event.metaKey) && !event.altKey && (event.key === '/' || event.key === '?');
}
