/**
 * The user's preferences, held in memory and written through to their file. Writes are
 * chained so that two quick changes land on disk in the order they were made.
 */
import { readPreferences } from './preferences';
import type { Preferences } from './preferences';
import { readJsonFile, writeJsonFile } from './settings-files';

export interface PreferencesOpening {
  file: PreferencesFile;
  /** What could not be used from the stored file, to log: field names, or the file set aside. */
  notes: string[];
}

export class PreferencesFile {
  private value: Preferences;
  private writing: Promise<void> = Promise.resolve();
  private readonly path: string;

  private constructor(path: string, value: Preferences) {
    this.path = path;
    this.value = value;
  }

  static async open(path: string): Promise<PreferencesOpening> {
    const reading = await readJsonFile(path);
    if (reading.kind === 'set-aside') {
      return {
        file: new PreferencesFile(path, readPreferences(undefined).preferences),
        notes: [`the preferences file was not JSON (${reading.error}); moved to ${reading.movedTo}`],
      };
    }
    const { preferences, dropped } = readPreferences(reading.kind === 'read' ? reading.value : undefined);
    return { file: new PreferencesFile(path, preferences), notes: dropped.map((key) => `stored preference ${key} was not usable; its default applies`) };
  }

  get current(): Preferences {
    return this.value;
  }

  /** Takes the new preferences at once; resolves when they are on disk. */
  save(next: Preferences): Promise<void> {
    this.value = next;
    const write = this.writing.then(() => writeJsonFile(this.path, next));
    this.writing = write.catch(() => undefined);
    return write;
  }
}
