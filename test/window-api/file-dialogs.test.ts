import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { english } from '../../i18n/english';
import { saidOf } from '../../i18n/said-error';
import type { Translator } from '../../i18n/translator';
import { mainTranslator } from '../../main/core/language/main-language';
import {
  checkedFile,
  contentTypeOf,
  nativeFileDialog,
  PickedFiles,
  pickFile,
  plainFileName,
  safeFileName,
  saveAttachmentTitle,
  unreadableFile,
  unwrittenFile,
} from '../../main/window-api/file-dialogs';

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function folder(): Promise<string> {
  const made = await mkdtemp(join(tmpdir(), 'tigerdesk-file-dialogs-'));
  folders.push(made);
  return made;
}

describe('the name a received file is saved under', () => {
  it.each([
    ['../../etc/passwd', 'text/plain', 'passwd.txt'],
    ['..\\..\\Windows\\System32\\drivers\\etc\\hosts', 'text/plain', 'hosts.txt'],
    ['discharge.exe', 'application/pdf', 'discharge.pdf'],
    ['photo.JPEG', 'image/jpeg', 'photo.jpeg'],
    ['report.pdf', 'application/pdf', 'report.pdf'],
    ['notes', 'text/csv', 'notes.csv'],
    ['payload.sh', 'application/x-unknown', 'payload.bin'],
    ['..', 'image/png', 'attachment.png'],
    ['...pdf', 'application/pdf', 'pdf.pdf'],
    ['.bashrc', 'text/plain', 'bashrc.txt'],
    ['CON.txt', 'text/plain', '_CON.txt'],
    ['a<b>c:d"e|f?g*.txt', 'text/plain', 'abcdefg.txt'],
    ['line\nbreak\u0000.txt', 'text/plain', 'linebreak.txt'],
    ['invoice\u202Efdp.exe', 'application/pdf', 'invoicefdp.pdf'],
    ['trailing dots. . .', 'text/plain', 'trailing dots.txt'],
  ])('%j sent as %s is saved as %j', (name, contentType, expected) => {
    expect(safeFileName(name, contentType)).toBe(expected);
  });

  it('is never longer than a file system takes', () => {
    const name = safeFileName(`${'x'.repeat(400)}.pdf`, 'application/pdf');
    expect(name).toBe(`${'x'.repeat(150)}.pdf`);
  });
});

describe('a picked file', () => {
  it('takes its content type from its extension, plain bytes when unknown', () => {
    expect(contentTypeOf('Scan.PNG')).toBe('image/png');
    expect(contentTypeOf('labs.xlsx')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(contentTypeOf('script.exe')).toBe('application/octet-stream');
    expect(contentTypeOf('README')).toBe('application/octet-stream');
  });

  it('is named by the last part of its path, without control characters', () => {
    expect(plainFileName('/home/ann/Ward 7/rota\u0007.pdf')).toBe('rota.pdf');
    expect(plainFileName('C:\\Users\\ann\\scan.png')).toBe('scan.png');
  });

  it('is kept by id until forgotten, and only the latest few are kept', () => {
    const picked = new PickedFiles(2);
    const file = (name: string) => ({ path: `/tmp/${name}`, name, size: 1, contentType: 'text/plain' });
    const first = picked.add(file('a.txt'));
    const second = picked.add(file('b.txt'));
    expect(picked.get(first).name).toBe('a.txt');
    const third = picked.add(file('c.txt'));
    expect(() => picked.get(first)).toThrow('The picked file is no longer at hand; pick it again');
    expect([picked.get(second).name, picked.get(third).name]).toEqual(['b.txt', 'c.txt']);
    picked.forget(second);
    expect(() => picked.get(second)).toThrow('no longer at hand');
  });
});

describe('a picked file checked again before it is sent', () => {
  it('is described by its name, size and type while it is there', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'ecg.pdf'), Buffer.alloc(321));
    expect(await checkedFile(join(dir, 'ecg.pdf'))).toEqual({ path: join(dir, 'ecg.pdf'), name: 'ecg.pdf', size: 321, contentType: 'application/pdf' });
  });

  it('is refused by its name alone once deleted, or once a folder stands in its place', async () => {
    const dir = await folder();
    const path = join(dir, 'ecg.pdf');
    const refusal = (promise: Promise<unknown>) => promise.then(() => '', (error: unknown) => (error as Error).message);
    expect(await refusal(checkedFile(path))).toBe('The file ecg.pdf is no longer where it was picked: it was moved or deleted; pick it again');
    await mkdir(path);
    expect(await refusal(checkedFile(path))).toBe('ecg.pdf is not a file');
  });
});

describe('what the user is told when a file of theirs cannot be read or written', () => {
  it.each([
    ['ENOENT', 'The file scan.png is no longer where it was picked: it was moved or deleted; pick it again'],
    ['ENOTDIR', 'The file scan.png is no longer where it was picked: it was moved or deleted; pick it again'],
    ['EACCES', 'The file scan.png cannot be read: permission denied'],
    ['EPERM', 'The file scan.png cannot be read: permission denied'],
    ['EIO', 'The file scan.png cannot be read (EIO)'],
    [undefined, 'The file scan.png cannot be read (unknown error)'],
  ])('a picked file failing with %s: %j', (code, message) => {
    expect(unreadableFile('scan.png', code).message).toBe(message);
  });

  it.each([
    ['ENOSPC', 'saved', 'Not enough disk space: scan.png was not saved and nothing was left behind; free some space and try again'],
    ['EDQUOT', 'opened', 'Not enough disk space: scan.png was not opened and nothing was left behind; free some space and try again'],
    ['EROFS', 'saved', 'scan.png could not be saved: permission denied in that folder'],
    ['EACCES', 'saved', 'scan.png could not be saved: permission denied in that folder'],
    ['EISDIR', 'saved', 'scan.png could not be saved (EISDIR)'],
  ] as const)('a received file failing with %s when %s: %j', (code, action, message) => {
    expect(unwrittenFile('scan.png', action, code).message).toBe(message);
  });
});

describe('what the user is told of a file, in their language', () => {
  it('is said, not worded, so that the window words it in Spanish or French', () => {
    const spanish = mainTranslator('es');
    const french = mainTranslator('fr');
    expect(spanish.text(saidOf(unreadableFile('scan.png', 'EACCES')))).toBe('No se puede leer el archivo scan.png: permiso denegado');
    expect(french.text(saidOf(unreadableFile('scan.png', undefined)))).toBe('Le fichier scan.png ne peut pas être lu (erreur inconnue)');
    expect(french.text(saidOf(unwrittenFile('scan.png', 'saved', 'ENOSPC')))).toBe(
      'Espace disque insuffisant\u00a0: scan.png n’a pas été enregistré et aucun fichier incomplet n’est resté\u00a0; libérez de l’espace et réessayez',
    );
    expect(spanish.text(saidOf(unwrittenFile('scan.png', 'opened', 'EISDIR')))).toBe('No se pudo abrir scan.png (EISDIR)');
    expect(saidOf(unreadableFile('ecg.pdf', 'ENOENT'))).toEqual({ key: 'file-dialog.unreadable.moved', params: { name: 'ecg.pdf' } });
  });

  it('names the limit of a file too large in the language\'s own number', async () => {
    const dir = await folder();
    const path = join(dir, 'scan.dcm');
    await writeFile(path, Buffer.alloc(26 * 1024 * 1024));
    const refused = await checkedFile(path).then(() => null, (error: unknown) => error);
    expect((refused as Error).message).toBe('The file scan.dcm is over 25 MB and cannot be sent');
    expect(mainTranslator('fr').text(saidOf(refused))).toBe('Le fichier scan.dcm dépasse 25\u00a0Mo et ne peut pas être envoyé');
  });
});

describe('the OS file dialogs', () => {
  /** Electron's dialog as far as the app uses it, recording the titles it was given; every dialog is cancelled. */
  function osDialogs(language: { translator: Translator }) {
    const titles: string[] = [];
    const dialog = nativeFileDialog(
      {
        showOpenDialog: async (options) => (titles.push(options.title), { canceled: true, filePaths: [] }),
        showSaveDialog: async (options) => (titles.push(options.title), { canceled: true, filePath: '' }),
      },
      () => language.translator,
    );
    return { dialog, titles };
  }

  it('have their titles in English', async () => {
    const { dialog, titles } = osDialogs({ translator: english });
    expect(await pickFile(dialog, new PickedFiles())).toBeNull();
    await dialog.showSaveDialog({ title: saveAttachmentTitle, defaultPath: '/tmp/scan.png' });
    expect(titles).toEqual(['Attach a file', 'Save attachment']);
  });

  it('have their titles in French, and in the language of the moment each opens', async () => {
    const language = { translator: mainTranslator('fr') };
    const { dialog, titles } = osDialogs(language);
    await pickFile(dialog, new PickedFiles());
    await dialog.showSaveDialog({ title: saveAttachmentTitle, defaultPath: '/tmp/scan.png' });
    language.translator = mainTranslator('es');
    await pickFile(dialog, new PickedFiles());
    expect(titles).toEqual(['Joindre un fichier', 'Enregistrer la pièce jointe', 'Adjuntar un archivo']);
  });
});
