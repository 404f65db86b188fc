/** A multipart body for the two requests that can carry a file (message attachment, group avatar). */
import type { FileUpload } from './types';

export type FormFields = Record<string, string | number | boolean | undefined>;

export function multipartOf(fields: FormFields, fileField: string, file: FileUpload): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) form.append(name, String(value));
  }
  // slice() copies into a plain ArrayBuffer, which Blob requires (the view may sit on a shared one).
  form.append(fileField, new Blob([file.bytes.slice()], { type: file.contentType }), file.name);
  return form;
}

/** Drops absent fields so that the JSON body holds only what the caller gave. */
export function definedOnly<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
