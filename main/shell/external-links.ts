// Links leave the app only to the OS browser, and only as plain https: URLs: no file:,
// javascript:, custom protocol handlers or credentials in the URL, which a message from
// anyone could otherwise carry.
import type { Shell } from 'electron';
import { CallRefusal } from '../window-api/call-refusal';

export function isSafeExternalUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
}

/** A refusal the window is told as such (code `refused`), not as a failure. */
export class ExternalLinkRefused extends CallRefusal {
  override readonly name = 'ExternalLinkRefused';

  constructor(message: string) {
    super('refused', message);
  }
}

/** Opens a checked https: link in the OS browser; anything else is refused with an error. */
export async function openExternalLink(shell: Pick<Shell, 'openExternal'>, url: string): Promise<void> {
  if (!isSafeExternalUrl(url)) throw new ExternalLinkRefused('Only https: links are opened, in your web browser');
  await shell.openExternal(url);
}
