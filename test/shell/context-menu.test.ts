// The window's context menu (issue 15, item 2): the template for each thing right-clicked
// (text, the composer, a link, an image, a misspelled word) and each item's action, shown
// through the desktop stand-in (a test fires the window's `context-menu` and clicks what was
// popped up); the spell checker's languages and dictionary location set on the session.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import en from '../../i18n/catalogs/en.json';
import es from '../../i18n/catalogs/es.json';
import { english } from '../../i18n/english';
import type { Language } from '../../i18n/languages';
import { createTranslator } from '../../i18n/translator';
import { defaultPreferences, effectiveSpellCheckLanguages } from '../../main/core/settings/preferences';
import { contextMenuTemplate } from '../../main/shell/context-menu';
import type { ContextMenuActions, ContextMenuTarget } from '../../main/shell/context-menu';
import { ContextTargets, showContextMenus } from '../../main/shell/context-menu-wiring';
import { offeredSpellCheckLanguages, spellChecker } from '../../main/shell/spell-check';
import { attachmentCalls } from '../../main/window-api/attachment-calls';
import { nativeFileDialog, PickedFiles } from '../../main/window-api/file-dialogs';
import { createDesktop } from '../desktop/desktop';
import type { Desktop } from '../desktop/desktop';
import { chromiumSpellCheckLanguages, pickMenuItem, StandInSpellChecker } from '../desktop/stand-in-session';
import type { StandInWindow } from '../desktop/stand-in-window';
import { newPerson } from '../sandbox/support/people';
import { useSandbox } from '../support/sandbox-fixture';
import { signedIn, waitFor } from '../window-api/support/signed-in-account';

const noEdits = { canUndo: false, canRedo: false, canCut: false, canCopy: false, canPaste: false, canDelete: false, canSelectAll: false, canEditRichly: false };
const allEdits = { canUndo: true, canRedo: true, canCut: true, canCopy: true, canPaste: true, canDelete: true, canSelectAll: true, canEditRichly: true };

/** What Electron says of a right-click on page background; a test names what was under the pointer. */
function target(fields: Partial<ContextMenuTarget> = {}): ContextMenuTarget {
  return {
    x: 40,
    y: 50,
    isEditable: false,
    selectionText: '',
    linkURL: '',
    mediaType: 'none',
    hasImageContents: false,
    srcURL: '',
    misspelledWord: '',
    dictionarySuggestions: [],
    editFlags: { ...noEdits, canSelectAll: true },
    ...fields,
  };
}

/** The composer, with the flags Chromium gives a non-empty text field with a selection. */
const composer = (fields: Partial<ContextMenuTarget> = {}) => target({ isEditable: true, selectionText: 'chest X-ray', editFlags: { ...allEdits, canUndo: false }, ...fields });

function recordingActions(options: { savable?: boolean } = {}): ContextMenuActions & { done: string[] } {
  const done: string[] = [];
  return {
    done,
    edit: (command) => done.push(command),
    copyText: (text) => done.push(`copyText ${text}`),
    copyImageAt: (x, y) => done.push(`copyImageAt ${x},${y}`),
    saveImage: options.savable === true ? () => done.push('saveImage') : null,
    replaceMisspelling: (word) => done.push(`replaceMisspelling ${word}`),
    addToDictionary: (word) => done.push(`addToDictionary ${word}`),
  };
}

const inEnglish = (key: Parameters<typeof english.t>[0]) => english.t(key);
const spanish = createTranslator('es', es, { fallback: en });
const inSpanish = (key: Parameters<typeof english.t>[0]) => spanish.t(key);

/** Each item's label, a separator as '—', a disabled item in brackets. */
const shown = (template: MenuItemConstructorOptions[]) =>
  template.map((item) => (item.type === 'separator' ? '—' : item.enabled === false ? `[${item.label ?? ''}]` : (item.label ?? '')));

function click(template: MenuItemConstructorOptions[], label: string): void {
  pickMenuItem(template, label);
}

describe('the context menu template', () => {
  it('offers Copy for text selected in a message, and nothing on bare page background', () => {
    const actions = recordingActions();
    const template = contextMenuTemplate(target({ selectionText: 'BP 120/80', editFlags: { ...noEdits, canCopy: true } }), actions, inEnglish);
    expect(shown(template)).toEqual(['Copy']);
    click(template, 'Copy');
    expect(actions.done).toEqual(['copy']);
    expect(contextMenuTemplate(target(), actions, inEnglish)).toEqual([]);
    expect(contextMenuTemplate(target({ selectionText: '  \n ' }), actions, inEnglish)).toEqual([]);
  });

  it('offers the composer’s editing commands, each disabled where Chromium says it cannot apply', () => {
    const empty = contextMenuTemplate(target({ isEditable: true, editFlags: { ...noEdits, canPaste: true } }), recordingActions(), inEnglish);
    expect(shown(empty)).toEqual(['[Cut]', '[Copy]', 'Paste', '[Select all]']);

    const actions = recordingActions();
    const selected = contextMenuTemplate(composer({ editFlags: allEdits }), actions, inEnglish);
    expect(shown(selected)).toEqual(['Undo', 'Cut', 'Copy', 'Paste', 'Select all']);
    for (const label of ['Undo', 'Cut', 'Copy', 'Paste', 'Select all']) click(selected, label);
    expect(actions.done).toEqual(['undo', 'cut', 'copy', 'paste', 'selectAll']);
  });

  it('copies a link’s address, and never opens it', () => {
    const actions = recordingActions();
    const template = contextMenuTemplate(target({ linkURL: 'https://intranet.example.org/protocols/sepsis' }), actions, inEnglish);
    expect(shown(template)).toEqual(['Copy link']);
    click(template, 'Copy link');
    expect(actions.done).toEqual(['copyText https://intranet.example.org/protocols/sepsis']);

    const withText = contextMenuTemplate(target({ linkURL: 'http://10.0.0.5/', selectionText: 'lab results', editFlags: { ...noEdits, canCopy: true } }), actions, inEnglish);
    expect(shown(withText)).toEqual(['Copy', '—', 'Copy link']);
  });

  it('copies an e-mail link as the address alone', () => {
    const actions = recordingActions();
    const template = contextMenuTemplate(target({ linkURL: 'mailto:ward%2B7@example.org?subject=Beds' }), actions, inEnglish);
    expect(shown(template)).toEqual(['Copy email address']);
    click(template, 'Copy email address');
    expect(actions.done).toEqual(['copyText ward+7@example.org']);
  });

  it('offers nothing for a link of another kind (script, file, the app’s own scheme)', () => {
    for (const linkURL of ['javascript:alert(1)', 'file:///etc/passwd', 'tigerdesk://app/index.html', 'data:text/html,hi']) {
      expect(contextMenuTemplate(target({ linkURL }), recordingActions(), inEnglish)).toEqual([]);
    }
  });

  it('copies and saves an attachment image, and only copies another image', () => {
    const image = target({ mediaType: 'image', hasImageContents: true, srcURL: 'blob:tigerdesk://app/1' });
    const actions = recordingActions({ savable: true });
    const template = contextMenuTemplate(image, actions, inEnglish);
    expect(shown(template)).toEqual(['Copy image', 'Save image…']);
    click(template, 'Copy image');
    click(template, 'Save image…');
    expect(actions.done).toEqual(['copyImageAt 40,50', 'saveImage']);

    expect(shown(contextMenuTemplate(image, recordingActions(), inEnglish))).toEqual(['Copy image']);
    // An image still loading (or broken) has nothing to copy.
    expect(contextMenuTemplate({ ...image, hasImageContents: false }, recordingActions(), inEnglish)).toEqual([]);
  });

  it('offers a misspelled word’s suggestions and Add to dictionary above the editing commands', () => {
    const actions = recordingActions();
    const template = contextMenuTemplate(
      composer({ selectionText: '', misspelledWord: 'pateint', dictionarySuggestions: ['patient', 'patent'], editFlags: { ...noEdits, canPaste: true, canSelectAll: true } }),
      actions,
      inEnglish,
    );
    expect(shown(template)).toEqual(['patient', 'patent', 'Add to dictionary', '—', '[Cut]', '[Copy]', 'Paste', 'Select all']);
    click(template, 'patient');
    click(template, 'Add to dictionary');
    expect(actions.done).toEqual(['replaceMisspelling patient', 'addToDictionary pateint']);
  });

  it('says so when the spell checker has no suggestion, and still adds the word', () => {
    const actions = recordingActions();
    const template = contextMenuTemplate(composer({ misspelledWord: 'Zyprexa', dictionarySuggestions: [] }), actions, inEnglish);
    expect(shown(template).slice(0, 3)).toEqual(['[No spelling suggestions]', 'Add to dictionary', '—']);
    click(template, 'Add to dictionary');
    expect(actions.done).toEqual(['addToDictionary Zyprexa']);
  });

  it('never offers an item that sends text out of the app, nor a role of the OS’s', () => {
    const everything = target({
      isEditable: true,
      selectionText: 'metoprolol 50 mg',
      linkURL: 'https://example.org/',
      mediaType: 'image',
      hasImageContents: true,
      misspelledWord: 'metoprolol',
      dictionarySuggestions: ['metoprolols'],
      editFlags: allEdits,
    });
    const template = contextMenuTemplate(everything, recordingActions({ savable: true }), inEnglish);
    const ownLabels = new Set(Object.entries(en).filter(([key]) => key.startsWith('context-menu.')).map(([, label]) => label));
    for (const item of template) {
      expect(item.role).toBeUndefined();
      expect(item.submenu).toBeUndefined();
      if (item.type !== 'separator') expect(ownLabels.has(item.label ?? '') || item.label === 'metoprolols').toBe(true);
    }
    expect(shown(template).join(' ')).not.toMatch(/search|look up|google|services|inspect|open/i);
    // Separators only between groups.
    expect(template[0]?.type).not.toBe('separator');
    expect(template.at(-1)?.type).not.toBe('separator');
    expect(shown(template).join(' ')).not.toContain('— —');
  });

  it('is worded in Spanish when the app speaks Spanish', () => {
    const template = contextMenuTemplate(composer({ misspelledWord: 'pacinte', dictionarySuggestions: [], editFlags: allEdits }), recordingActions(), inSpanish);
    expect(shown(template)).toEqual(['[No hay sugerencias ortográficas]', 'Añadir al diccionario', '—', 'Deshacer', 'Cortar', 'Copiar', 'Pegar', 'Seleccionar todo']);
    const image = contextMenuTemplate(target({ mediaType: 'image', hasImageContents: true, linkURL: 'https://example.org/' }), recordingActions({ savable: true }), inSpanish);
    expect(shown(image)).toEqual(['Copiar enlace', '—', 'Copiar imagen', 'Guardar imagen…']);
  });
});

interface Shown {
  desktop: Desktop;
  window: StandInWindow;
  targets: ContextTargets;
  saved: string[];
  language: { value: Language };
  warnings: string[];
  /** What the next save answers; a rejection is a failed save. */
  saveResult: { next: () => Promise<unknown> };
}

async function withMenus(): Promise<Shown> {
  const root = await mkdtemp(join(tmpdir(), 'tigerdesk-context-menu-'));
  roots.push(root);
  const desktop = await createDesktop({ root, openSurface: () => Promise.reject(new Error('These tests load no page')) });
  await desktop.platform.app.whenReady();
  const window = new desktop.platform.BrowserWindow({});
  const shown: Shown = { desktop, window, targets: new ContextTargets(), saved: [], language: { value: 'en' }, warnings: [], saveResult: { next: async () => ({ saved: true }) } };
  showContextMenus({
    contents: window.webContents,
    buildMenu: (template) => desktop.platform.Menu.buildFromTemplate(template),
    clipboard: desktop.platform.clipboard,
    session: desktop.platform.session.defaultSession,
    language: () => shown.language.value,
    targets: shown.targets,
    saveAttachment: (messageId) => {
      shown.saved.push(messageId);
      return shown.saveResult.next();
    },
    showErrorBox: (title, content) => desktop.platform.dialog.showErrorBox(title, content),
    log: { warn: (message) => void shown.warnings.push(message) },
  });
  return shown;
}

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

const lastMenu = (desktop: Desktop): MenuItemConstructorOptions[] => desktop.contextMenus.at(-1) ?? [];
const imageAt = (srcURL: string): Partial<ContextMenuParams> => ({ mediaType: 'image', hasImageContents: true, srcURL, x: 120, y: 340 });

describe('the context menu in the window', () => {
  it('pops up at a right-click and acts on the window’s own contents', async () => {
    const { desktop, window } = await withMenus();
    window.userContextMenu({ isEditable: true, selectionText: 'note', editFlags: allEdits });
    expect(shown(lastMenu(desktop))).toEqual(['Undo', 'Cut', 'Copy', 'Paste', 'Select all']);
    for (const label of ['Cut', 'Paste', 'Select all']) click(lastMenu(desktop), label);
    expect(window.webContents.commands).toEqual(['cut', 'paste', 'selectAll']);
  });

  it('pops up nothing where there is nothing to offer', async () => {
    const { desktop, window } = await withMenus();
    window.userContextMenu();
    expect(desktop.contextMenus).toEqual([]);
  });

  it('copies a link to the clipboard, opening nothing', async () => {
    const { desktop, window } = await withMenus();
    window.userContextMenu({ linkURL: 'https://intranet.example.org/rota' });
    click(lastMenu(desktop), 'Copy link');
    await waitFor('the clipboard', () => desktop.clipboard.length > 0 || undefined);
    expect(desktop.clipboard).toEqual(['https://intranet.example.org/rota']);
    expect(desktop.externalLinks).toEqual([]);
  });

  it('copies an image at the point right-clicked', async () => {
    const { desktop, window } = await withMenus();
    window.userContextMenu(imageAt('blob:tigerdesk://app/avatar-1'));
    expect(shown(lastMenu(desktop))).toEqual(['Copy image']);
    click(lastMenu(desktop), 'Copy image');
    expect(window.webContents.commands).toEqual(['copyImageAt 120,340']);
  });

  it('replaces a misspelled word and adds one to the session’s dictionary', async () => {
    const { desktop, window } = await withMenus();
    const misspelled = { isEditable: true, misspelledWord: 'Zyprexa', dictionarySuggestions: ['Zyprexas'], editFlags: allEdits };
    window.userContextMenu(misspelled);
    click(lastMenu(desktop), 'Zyprexas');
    window.userContextMenu(misspelled);
    click(lastMenu(desktop), 'Add to dictionary');
    expect(window.webContents.commands).toEqual(['replaceMisspelling Zyprexas']);
    expect(desktop.spellChecker.words).toEqual(['Zyprexa']);
  });

  it('offers Save image… only for the image the page named, for that one menu', async () => {
    const { desktop, window, targets, saved } = await withMenus();
    targets.tell('42', 'blob:tigerdesk://app/scan');
    window.userContextMenu(imageAt('blob:tigerdesk://app/other'));
    expect(shown(lastMenu(desktop))).toEqual(['Copy image']);

    targets.tell('42', 'blob:tigerdesk://app/scan');
    window.userContextMenu(imageAt('blob:tigerdesk://app/scan'));
    expect(shown(lastMenu(desktop))).toEqual(['Copy image', 'Save image…']);
    click(lastMenu(desktop), 'Save image…');
    expect(saved).toEqual(['42']);

    // Told once: the next right-click on the same image, not told again, cannot save.
    window.userContextMenu(imageAt('blob:tigerdesk://app/scan'));
    expect(shown(lastMenu(desktop))).toEqual(['Copy image']);
    // Nor does a target told before a menu of another kind outlive it.
    targets.tell('42', 'blob:tigerdesk://app/scan');
    window.userContextMenu({ selectionText: 'x', editFlags: allEdits });
    window.userContextMenu(imageAt('blob:tigerdesk://app/scan'));
    expect(shown(lastMenu(desktop))).toEqual(['Copy image']);
  });

  it('tells why an image could not be saved, in the app’s language', async () => {
    const shownMenus = await withMenus();
    const { desktop, window, targets } = shownMenus;
    shownMenus.language.value = 'es';
    shownMenus.saveResult.next = () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
    targets.tell('42', 'blob:tigerdesk://app/scan');
    window.userContextMenu(imageAt('blob:tigerdesk://app/scan'));
    expect(shown(lastMenu(desktop))).toEqual(['Copiar imagen', 'Guardar imagen…']);
    click(lastMenu(desktop), 'Guardar imagen…');
    await waitFor('the error box', () => desktop.errorBoxes[0]);
    expect(desktop.errorBoxes[0]?.title).toBe('No se ha podido guardar la imagen');
    expect(desktop.errorBoxes[0]?.content).toContain('ENOSPC');
    expect(shownMenus.warnings).toEqual(['could not save an image']);
  });
});

describe('saving an image from the context menu', () => {
  const sandbox = useSandbox();

  it('goes through the app’s save flow: the save dialog, then the whole file decrypted where the user chose', async () => {
    const me = await newPerson(sandbox, 'Ward Nurse');
    const peer = await newPerson(sandbox, 'Radiologist');
    const account = await signedIn(sandbox.apiUrl, me);
    const menus = await withMenus();
    const { desktop, window, targets } = menus;
    roots.push(account.dataRoot);
    try {
      const calls = attachmentCalls({
        current: () => account.runtime,
        dialog: nativeFileDialog(
          {
            showOpenDialog: (options) => desktop.platform.dialog.showOpenDialog(window, options),
            showSaveDialog: (options) => desktop.platform.dialog.showSaveDialog(window, options),
          },
          () => english,
        ),
        picked: new PickedFiles(),
        downloads: desktop.platform.app.getPath('downloads'),
        openedDir: join(desktop.userData, 'opened'),
        openPath: async () => '',
      });
      const bytes = randomBytes(2_048);
      await peer.client.sendMessage({
        recipient: me.token,
        body: 'the scan',
        senderOrganization: sandbox.organizationKey,
        attachment: { name: 'chest.png', contentType: 'image/png', bytes: new Uint8Array(bytes) },
      });
      const message = await waitFor('the message with the scan', () => account.runtime.sync.thread(peer.token, { limit: 50 }).find((each) => each.body === 'the scan'));
      const chosen = join(desktop.platform.app.getPath('downloads'), 'scan-for-the-chart.png');
      desktop.dialogAnswers.save.push(chosen);
      let saved: Promise<unknown> = Promise.resolve();
      menus.saveResult.next = () => (saved = Promise.resolve(calls.saveAttachment({ messageId: message.id })));

      targets.tell(message.id, 'blob:tigerdesk://app/preview');
      window.userContextMenu(imageAt('blob:tigerdesk://app/preview'));
      click(lastMenu(desktop), 'Save image…');
      await expect(saved).resolves.toEqual({ saved: true });
      expect((await readFile(chosen)).equals(bytes)).toBe(true);

      // Cancelled in the dialog (no answer left): nothing written, nothing said.
      targets.tell(message.id, 'blob:tigerdesk://app/preview');
      window.userContextMenu(imageAt('blob:tigerdesk://app/preview'));
      click(lastMenu(desktop), 'Save image…');
      await expect(saved).resolves.toEqual({ saved: false });
      expect(desktop.errorBoxes).toEqual([]);
    } finally {
      await account.close();
    }
  });
});

describe('the spell checker’s languages and dictionaries', () => {
  let session: StandInSpellChecker;
  let warnings: string[];
  beforeEach(() => {
    session = new StandInSpellChecker();
    warnings = [];
  });
  const log = { warn: (message: string) => void warnings.push(message) };

  it('takes a bare language in the OS’s region where offered, else as it is, else in its usual region', () => {
    expect(offeredSpellCheckLanguages(['en'], chromiumSpellCheckLanguages, 'en-GB')).toEqual(['en-GB']);
    expect(offeredSpellCheckLanguages(['en'], chromiumSpellCheckLanguages, 'de-DE')).toEqual(['en-US']);
    expect(offeredSpellCheckLanguages(['es', 'fr'], chromiumSpellCheckLanguages, 'es_MX.UTF-8')).toEqual(['es-MX', 'fr']);
    expect(offeredSpellCheckLanguages(['es', 'fr'], chromiumSpellCheckLanguages, 'es-CL')).toEqual(['es', 'fr']);
    expect(offeredSpellCheckLanguages(['fr-FR', 'fr-FR', 'xx', 'pt-BR'], chromiumSpellCheckLanguages, 'en-US')).toEqual(['fr-FR', 'pt-BR']);
  });

  it('sets the app’s language when none is chosen, the user’s choice otherwise, and again only when it changes', () => {
    const spelling = spellChecker(session, { os: 'linux', dictionaryUrl: undefined, osLocale: 'en-US', log });
    spelling.languages(effectiveSpellCheckLanguages(defaultPreferences, 'es'));
    spelling.languages(effectiveSpellCheckLanguages(defaultPreferences, 'es'));
    spelling.languages(effectiveSpellCheckLanguages({ ...defaultPreferences, spellCheckLanguages: ['fr-FR', 'en-GB'] }, 'es'));
    expect(session.calls).toEqual(['languages es', 'languages fr-FR,en-GB']);
    expect(session.dictionaryUrl).toBeNull();
  });

  it('skips, with a warning, a language the session has no dictionary for (Electron would throw)', () => {
    expect(() => session.setSpellCheckerLanguages(['xx'])).toThrow('Invalid language code provided: "xx" is not a valid language code');
    const spelling = spellChecker(session, { os: 'win32', dictionaryUrl: undefined, osLocale: 'en-US', log });
    spelling.languages(['xx', 'fr-FR']);
    expect(session.calls).toEqual(['languages fr-FR']);
    expect(warnings).toEqual(['no spell-check dictionary for some languages']);
  });

  it('points dictionary downloads at the hospital’s location before any language is set', () => {
    const spelling = spellChecker(session, { os: 'linux', dictionaryUrl: 'https://dictionaries.hospital.example/hunspell/', osLocale: 'fr-FR', log });
    spelling.languages(['fr']);
    expect(session.calls).toEqual(['dictionaryUrl https://dictionaries.hospital.example/hunspell/', 'languages fr-FR']);
  });

  it('turns the spell checker off where the managed location was refused, so nothing is downloaded', () => {
    const spelling = spellChecker(session, { os: 'win32', dictionaryUrl: null, osLocale: 'en-US', log });
    spelling.languages(['en']);
    expect(session.calls).toEqual(['enabled false']);
    expect(warnings).toEqual(['spell checking is off: the managed dictionary location was refused']);
  });

  it('sets nothing on macOS, whose own spell checker chooses and downloads nothing', () => {
    for (const dictionaryUrl of [undefined, null, 'https://dictionaries.hospital.example/']) {
      const spelling = spellChecker(session, { os: 'darwin', dictionaryUrl, osLocale: 'en-US', log });
      spelling.languages(['en', 'fr']);
    }
    expect(session.calls).toEqual([]);
  });
});
