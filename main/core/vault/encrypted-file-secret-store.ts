import { randomBytes } from 'node:crypto';
import { userText } from '../../../i18n/user-text';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as v from 'valibot';
import { VaultError } from './vault-error';
import type { SecretStore } from './secret-store';

/**
 * The shape of Electron's `safeStorage`, which the shell passes in (core never imports
 * Electron). `getSelectedStorageBackend` exists on Linux only.
 */
export interface StringCodec {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

const entriesSchema = v.record(v.string(), v.string());

/**
 * All entries in one file, encrypted as a whole by the codec. Writes go to a temporary file
 * that is renamed over the old one, so a crash leaves either the old or the new file.
 */
export class EncryptedFileSecretStore implements SecretStore {
  readonly kind = 'safe-storage';
  private readonly codec: StringCodec;
  private readonly path: string;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(options: { codec: StringCodec; path: string }) {
    this.codec = options.codec;
    this.path = options.path;
  }

  async get(account: string): Promise<string | null> {
    return this.serially(async () => (await this.read())[account] ?? null);
  }

  async set(account: string, value: string): Promise<void> {
    await this.serially(async () => {
      const entries = await this.read();
      entries[account] = value;
      await this.write(entries);
    });
  }

  async delete(account: string): Promise<boolean> {
    return this.serially(async () => {
      const entries = await this.read();
      if (!(account in entries)) return false;
      delete entries[account];
      await this.write(entries);
      return true;
    });
  }

  async probe(): Promise<void> {
    this.assertAvailable();
    const marker = randomBytes(8).toString('hex');
    let roundTrip: string;
    try {
      roundTrip = this.codec.decryptString(this.codec.encryptString(marker));
    } catch (error) {
      throw new VaultError('unavailable', userText('vault.file-encryption-fails', { detail: (error as Error).message }));
    }
    if (roundTrip !== marker) throw new VaultError('unavailable', userText('vault.file-decryption-mismatch'));
    await this.serially(() => this.read());
  }

  private assertAvailable(): void {
    if (!this.codec.isEncryptionAvailable()) {
      throw new VaultError('unavailable', userText('vault.file-no-encryption-key'));
    }
    // Electron's Linux fallback encrypts with a fixed, public password: that is not storage
    // we may call encrypted, so it counts as unavailable.
    if (this.codec.getSelectedStorageBackend?.() === 'basic_text') {
      throw new VaultError('unavailable', userText('vault.file-basic-text'));
    }
  }

  // One operation at a time: a read-modify-write must not interleave with another.
  private serially<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.pending.then(operation, operation);
    this.pending = result.catch(() => undefined);
    return result;
  }

  private async read(): Promise<Record<string, string>> {
    this.assertAvailable();
    let encrypted: Buffer;
    try {
      encrypted = await readFile(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new VaultError('unavailable', userText('vault.file-unreadable', { code: systemCode(error) }));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.codec.decryptString(encrypted));
    } catch {
      throw new VaultError('malformed', userText('vault.file-undecryptable'));
    }
    const entries = v.safeParse(entriesSchema, parsed);
    if (!entries.success) {
      throw new VaultError('malformed', userText('vault.file-not-a-map'));
    }
    return { ...entries.output };
  }

  private async write(entries: Record<string, string>): Promise<void> {
    const encrypted = this.codec.encryptString(JSON.stringify(entries));
    const temporary = `${this.path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      const file = await open(temporary, 'wx', 0o600);
      try {
        await file.writeFile(encrypted);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, this.path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw new VaultError('unavailable', userText('vault.file-unwritable', { code: systemCode(error) }));
    }
  }
}

/**
 * The system's code only: its message names the file, a path inside the user's profile that
 * these errors would carry to the sign-in screen.
 */
function systemCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'unknown error';
}
