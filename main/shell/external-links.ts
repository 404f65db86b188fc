// Links leave the app only to the OS browser, and only as plain https: URLs: no file:,
// javascript:, custom protocol handlers or credentials in the URL, which a message from
// anyone could otherwise carry.
import type { Shell } from 'electron';
import { userText } from '../../i18n/user-text';
import type { UserText } from '../../i18n/user-text';
import { CallRefusal } from '../window-api/call-refusal';

/** The link as parsed when it is a plain https: URL; null for anything else. */
export function safeExternalUrl(text: string): URL | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '' ? url : null;
}

export function isSafeExternalUrl(text: string): boolean {
  return safeExternalUrl(text) !== null;
}

/** A refusal the window is told as such (code `refused`), not as a failure. */
export class ExternalLinkRefused extends CallRefusal {
  override readonly name = 'ExternalLinkRefused';

  constructor(said: UserText) {
    super('refused', said);
  }
}

/** Opens a checked https: link in the OS browser; anything else is refused with an error. */
export async function openExternalLink(shell: Pick<Shell, 'openExternal'>, text: string): Promise<void> {
  const url = safeExternalUrl(text);
  if (url === null) throw new ExternalLinkRefused(userText('error.external-link-not-https'));
  // The URL as parsed and checked, not the text: the OS browser gets exactly what was checked.
  await shell.openExternal(url.href);
}
