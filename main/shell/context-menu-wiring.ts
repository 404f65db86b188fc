// The window's context menu shown: at each `context-menu` event of its contents, the template
// (context-menu.ts) in the app's current language, its actions over the window's own contents,
// the clipboard, the spell checker and the app's save flow.
import type { Menu, MenuItemConstructorOptions } from 'electron';
import type { Language } from '../../i18n/languages';
import type { Translator } from '../../i18n/translator';
import { mainTranslator } from '../core/language/main-language';
import { callFailure } from '../window-api/error-codes';
import { contextMenuTemplate } from './context-menu';
import type { AppWebContents, DesktopPlatform } from './platform';
import type { SpellCheckSession } from './spell-check';

/**
 * Which attachment image the page says is being right-clicked (the contract's contextTarget),
 * kept for the one menu that follows. Main cannot tell an attachment's preview from an avatar
 * by its blob: URL, and never reads the page: so "Save image…" is offered only for the very
 * URL the page named, and saves the message it named through saveAttachment, which the page
 * could call itself anyway. A target not told (or told late) only leaves that item out.
 */
export class ContextTargets {
  private told: { messageId: string; src: string } | null = null;

  tell(messageId: string, src: string): void {
    this.told = { messageId, src };
  }

  /** The message whose image `src` shows, if the page named it for this menu; forgotten either way. */
  take(src: string): string | null {
    const told = this.told;
    this.told = null;
    return told !== null && told.src === src ? told.messageId : null;
  }
}

export interface ContextMenuWiringOptions {
  contents: Pick<AppWebContents, 'on' | 'undo' | 'cut' | 'copy' | 'paste' | 'selectAll' | 'copyImageAt' | 'replaceMisspelling'>;
  buildMenu(template: MenuItemConstructorOptions[]): Pick<Menu, 'popup'>;
  clipboard: DesktopPlatform['clipboard'];
  session: Pick<SpellCheckSession, 'addWordToSpellCheckerDictionary'>;
  /** The language the app speaks now: the menu is worded in it. */
  language(): Language;
  targets: ContextTargets;
  /**
   * The app's save flow for a message's attachment: the Save as… button's own call
   * (saveAttachment: refused while locked, the save dialog, the decrypted write).
   */
  saveAttachment(messageId: string): Promise<unknown>;
  /** Tells why the image was not saved (dialog.showErrorBox). */
  showErrorBox(title: string, content: string): void;
  log: { warn(message: string, fields?: Record<string, string>): void };
}

export function showContextMenus(options: ContextMenuWiringOptions): void {
  const { contents } = options;
  const saveImage = (messageId: string, words: Translator) => {
    options.saveAttachment(messageId).catch((error: unknown) => {
      options.log.warn('could not save an image', { error: error instanceof Error ? error.message : String(error) });
      options.showErrorBox(words.t('context-menu.save-image-failed'), words.text(callFailure(error).text));
    });
  };
  contents.on('context-menu', (_event, params) => {
    const words = mainTranslator(options.language());
    const told = options.targets.take(params.srcURL);
    const messageId = params.mediaType === 'image' ? told : null;
    const template = contextMenuTemplate(
      params,
      {
        edit: (command) => contents[command](),
        copyText: (text) => {
          options.clipboard.writeText(text).catch((error: unknown) => options.log.warn('could not copy to the clipboard', { error: (error as Error).message }));
        },
        copyImageAt: (x, y) => contents.copyImageAt(x, y),
        saveImage: messageId === null ? null : () => saveImage(messageId, words),
        replaceMisspelling: (suggestion) => contents.replaceMisspelling(suggestion),
        addToDictionary: (word) => void options.session.addWordToSpellCheckerDictionary(word),
      },
      (key) => words.t(key),
    );
    // In the focused window, where the right-click was (Electron's default).
    if (template.length > 0) options.buildMenu(template).popup();
  });
}
