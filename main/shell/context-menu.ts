// The window's context menu, built from what Electron's `context-menu` event says was
// right-clicked (Electron.ContextMenuParams): text, a link, an image, the composer and a
// misspelled word in it.
//
// Built here rather than with `electron-context-menu`: that library imports the `electron`
// module when it loads, while the app's one composition, startApp(platform), also runs on the
// desktop stand-in where `electron` cannot be imported (platform.ts); and its "Save image"
// goes through electron-dl's download, not the app's own save flow (the save dialog and the
// decrypted write of attachment-calls.ts). The template is pure: the actions come in, so each
// target's menu and each item's action are tested without Electron.
//
// Nothing here sends text out of the app: no "Search with Google", no "Look up", no services,
// no "Inspect"; a link is only copied, never opened.
import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';
import type { MessageKey } from '../../i18n/user-text';

/** What the template reads of the event's params. */
export type ContextMenuTarget = Pick<
  ContextMenuParams,
  'x' | 'y' | 'isEditable' | 'selectionText' | 'linkURL' | 'mediaType' | 'hasImageContents' | 'srcURL' | 'misspelledWord' | 'dictionarySuggestions' | 'editFlags'
>;

export type EditCommand = 'undo' | 'cut' | 'copy' | 'paste' | 'selectAll';

export interface ContextMenuActions {
  /** The window's own editing command (webContents.cut(), .copy()...). */
  edit(command: EditCommand): void;
  /** Puts text on the clipboard (a link's address). */
  copyText(text: string): void;
  /** Copies the image at this point of the page (webContents.copyImageAt). */
  copyImageAt(x: number, y: number): void;
  /** Saves the right-clicked image through the app's save flow; null where the image is not an attachment the app can save. */
  saveImage: (() => void) | null;
  /** Replaces the misspelled word with this suggestion (webContents.replaceMisspelling). */
  replaceMisspelling(suggestion: string): void;
  /** Adds the word to the user's spell-check dictionary. */
  addToDictionary(word: string): void;
}

export type Words = (key: MessageKey) => string;

/** Links the menu offers to copy: web pages and e-mail addresses (never `javascript:`, `file:` or the app's own). */
const copyableLink = /^(https?:\/\/|mailto:)/i;

export function contextMenuTemplate(target: ContextMenuTarget, actions: ContextMenuActions, t: Words): MenuItemConstructorOptions[] {
  const groups: MenuItemConstructorOptions[][] = [];
  const flags = target.editFlags;

  if (target.isEditable && target.misspelledWord !== '') {
    const word = target.misspelledWord;
    const suggestions: MenuItemConstructorOptions[] =
      target.dictionarySuggestions.length > 0
        ? target.dictionarySuggestions.map((suggestion) => ({ label: suggestion, click: () => actions.replaceMisspelling(suggestion) }))
        : [{ label: t('context-menu.no-suggestions'), enabled: false }];
    groups.push([...suggestions, { label: t('context-menu.add-to-dictionary'), click: () => actions.addToDictionary(word) }]);
  }

  if (target.isEditable) {
    const edit = (command: EditCommand, key: MessageKey, enabled: boolean): MenuItemConstructorOptions => ({
      label: t(key),
      enabled,
      click: () => actions.edit(command),
    });
    groups.push([
      ...(flags.canUndo ? [edit('undo', 'context-menu.undo', true)] : []),
      edit('cut', 'context-menu.cut', flags.canCut),
      edit('copy', 'context-menu.copy', flags.canCopy),
      edit('paste', 'context-menu.paste', flags.canPaste),
      edit('selectAll', 'context-menu.select-all', flags.canSelectAll),
    ]);
  } else if (target.selectionText.trim() !== '') {
    groups.push([{ label: t('context-menu.copy'), enabled: flags.canCopy, click: () => actions.edit('copy') }]);
  }

  if (copyableLink.test(target.linkURL)) {
    const mail = /^mailto:/i.test(target.linkURL);
    const copied = mail ? mailAddress(target.linkURL) : target.linkURL;
    groups.push([{ label: t(mail ? 'context-menu.copy-email-address' : 'context-menu.copy-link'), click: () => actions.copyText(copied) }]);
  }

  if (target.mediaType === 'image' && target.hasImageContents) {
    const { saveImage } = actions;
    groups.push([
      { label: t('context-menu.copy-image'), click: () => actions.copyImageAt(target.x, target.y) },
      ...(saveImage === null ? [] : [{ label: t('context-menu.save-image'), click: () => saveImage() }]),
    ]);
  }

  return groups.filter((group) => group.length > 0).flatMap((group, index) => (index === 0 ? group : [{ type: 'separator' as const }, ...group]));
}

/** A mailto: link's address, as a person would paste it: without the scheme and the query. */
function mailAddress(link: string): string {
  const address = link.slice('mailto:'.length).split('?')[0] ?? '';
  try {
    return decodeURIComponent(address);
  } catch {
    return address;
  }
}
