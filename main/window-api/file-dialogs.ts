// Files the user chooses through the OS's open and save dialogs (declared here as what the
// window API needs of them; the shell answers with Electron's `dialog`, through
// nativeFileDialog, which words their titles in the app's language). A picked file stays in main, named to the window
// only by a random id; a file to be saved is offered under a name that cannot climb out of
// the folder the user picks, hide its real type, or carry control characters.
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import type { Translator } from '../../i18n/translator';
import { userText } from '../../i18n/user-text';
import type { UserText } from '../../i18n/user-text';
import { CallRefusal } from './call-refusal';

/** The dialogs the window API asks for, their titles said (a catalog key), not worded. */
export interface FileDialog {
  showOpenDialog(options: { title: UserText; properties: 'openFile'[] }): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(options: { title: UserText; defaultPath: string }): Promise<{ canceled: boolean; filePath: string }>;
}

/** The part of Electron's `dialog` (for the window) that answers them, with the same shapes. */
export interface NativeFileDialog {
  showOpenDialog(options: { title: string; properties: 'openFile'[] }): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(options: { title: string; defaultPath: string }): Promise<{ canceled: boolean; filePath: string }>;
}

/** The title of the dialog that saves a received file. */
export const saveAttachmentTitle: UserText = userText('file-dialog.save.title');

/** The OS's dialogs, their titles in the app's language at the moment each opens. */
export function nativeFileDialog(native: NativeFileDialog, translator: () => Translator): FileDialog {
  return {
    showOpenDialog: (options) => native.showOpenDialog({ ...options, title: translator().text(options.title) }),
    showSaveDialog: (options) => native.showSaveDialog({ ...options, title: translator().text(options.title) }),
  };
}

export const maxAttachmentBytes = 25 * 1024 * 1024;

export interface PickedFile {
  path: string;
  name: string;
  size: number;
  contentType: string;
}

/** Files picked and not yet sent, by pick id. Only the latest few are kept: a pick is for the next send. */
export class PickedFiles {
  private readonly files = new Map<string, PickedFile>();
  private readonly keep: number;

  constructor(keep = 20) {
    this.keep = keep;
  }

  add(file: PickedFile): string {
    const id = randomUUID();
    this.files.set(id, file);
    for (const oldest of this.files.keys()) {
      if (this.files.size <= this.keep) break;
      this.files.delete(oldest);
    }
    return id;
  }

  get(pickId: string): PickedFile {
    const file = this.files.get(pickId);
    if (file === undefined) throw new CallRefusal('not-found', userText('file-dialog.picked-gone'));
    return file;
  }

  forget(pickId: string): void {
    this.files.delete(pickId);
  }
}

/** Asks for one file; refuses one over 25 MB before the window ever holds its id. Null when cancelled. */
export async function pickFile(dialog: FileDialog, picked: PickedFiles): Promise<Omit<PickedFile, 'path'> & { pickId: string } | null> {
  const chosen = await dialog.showOpenDialog({ title: userText('file-dialog.attach.title'), properties: ['openFile'] });
  const path = chosen.filePaths[0];
  if (chosen.canceled || path === undefined) return null;
  const file = await checkedFile(path);
  const pickId = picked.add(file);
  return { pickId, name: file.name, size: file.size, contentType: file.contentType };
}

/** The file as it is now: a readable file (not a folder), at most 25 MB, its type from its extension. */
export async function checkedFile(path: string): Promise<PickedFile> {
  const name = plainFileName(path);
  let info;
  try {
    info = await stat(path);
    if (info.isFile()) await access(path, constants.R_OK);
  } catch (error) {
    throw unreadableFile(name, (error as NodeJS.ErrnoException).code);
  }
  if (!info.isFile()) throw new CallRefusal('refused', userText('file-dialog.not-a-file', { name }));
  if (info.size > maxAttachmentBytes) throw new CallRefusal('too-large', userText('file-dialog.too-large', { name, megabytes: maxAttachmentBytes / 1024 / 1024 }));
  return { path, name, size: info.size, contentType: contentTypeOf(name) };
}

// The two answers below name the file only: the system's own message holds its whole path.

/** Why the file the user picked cannot be read, from the system's error code. */
export function unreadableFile(name: string, code: string | undefined): CallRefusal {
  if (code === 'ENOENT' || code === 'ENOTDIR') return new CallRefusal('not-found', userText('file-dialog.unreadable.moved', { name }));
  if (code === 'EACCES' || code === 'EPERM') return new CallRefusal('failed', userText('file-dialog.unreadable.denied', { name }));
  return new CallRefusal('failed', userText('file-dialog.unreadable.other', { name, code: code ?? 'unknown' }));
}

/** Why a received file could not be written out to be `saved` or `opened`; nothing was left behind. */
export function unwrittenFile(name: string, action: 'saved' | 'opened', code: string | undefined): CallRefusal {
  if (code === 'ENOSPC' || code === 'EDQUOT') return new CallRefusal('disk-full', userText('file-dialog.unwritten.disk-full', { name, action }));
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new CallRefusal('failed', userText('file-dialog.unwritten.denied', { name, action }));
  return new CallRefusal('failed', userText('file-dialog.unwritten.other', { name, action, code: code ?? 'unknown' }));
}

// One table both ways: the first extension of a type is the one a saved file gets.
const extensionsByType: Record<string, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'image/heic': ['heic'],
  'image/tiff': ['tiff', 'tif'],
  'image/bmp': ['bmp'],
  'text/plain': ['txt', 'log'],
  'text/csv': ['csv'],
  'application/rtf': ['rtf'],
  'application/json': ['json'],
  'application/dicom': ['dcm'],
  'application/msword': ['doc'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.ms-excel': ['xls'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.ms-powerpoint': ['ppt'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  'application/zip': ['zip'],
  'audio/mpeg': ['mp3'],
  'audio/mp4': ['m4a'],
  'audio/wav': ['wav'],
  'video/mp4': ['mp4'],
  'video/quicktime': ['mov'],
};
const unknownType = 'application/octet-stream';
const unknownExtension = 'bin';

/** The content type a file's extension names; an unknown extension is plain bytes. */
export function contentTypeOf(name: string): string {
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  if (extension === undefined) return unknownType;
  return Object.keys(extensionsByType).find((type) => extensionsByType[type]!.includes(extension)) ?? unknownType;
}

/** Control characters, and the direction marks that make "gpj.exe" read as "exe.jpg". */
function isInvisible(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f) || code === 0x200e || code === 0x200f
    || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/** The last part of a name as someone sent it: no folders, no control characters. */
export function plainFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  return [...last].filter((character) => !isInvisible(character)).join('').trim();
}

/**
 * The name a received file is saved or opened under: the sender's name without folders,
 * `..`, control or reserved characters, and with the extension of its content type (its own
 * when that already fits the type), so that a "report.pdf.exe" sent as a PDF opens as a PDF.
 */
export function safeFileName(name: string, contentType: string): string {
  const cleaned = plainFileName(name).replace(/[<>:"|?*]/g, '').replace(/\.{2,}/g, '.').replace(/^[.\s]+|[.\s]+$/g, '');
  const dot = cleaned.lastIndexOf('.');
  const own = dot > 0 ? cleaned.slice(dot + 1).toLowerCase() : '';
  const fitting = extensionsByType[contentType.toLowerCase()] ?? [];
  const extension = fitting.includes(own) ? own : (fitting[0] ?? unknownExtension);
  let stem = (dot > 0 ? cleaned.slice(0, dot) : cleaned).slice(0, 150).replace(/[.\s]+$/, '');
  if (stem === '') stem = 'attachment';
  // Names Windows keeps for devices, whatever the extension.
  if (/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(stem)) stem = `_${stem}`;
  return `${stem}.${extension}`;
}
