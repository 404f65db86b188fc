// One browser page's core: the account host and the window's calls main/index.ts wires for the
// Electron window (SessionManager, the account runtime, preferences), in a data folder of the
// page's own. Secrets are kept in a SessionOnlySecretStore, in memory and per page: two pages
// are two independent clients, and nothing reaches the OS keychain.
// What main/index.ts adds around it (tray, badge, notifications, window) has no page here,
// and neither do the OS's file dialogs and apps: a page attaches files by dropping or pasting
// them, and "pick", "save as" and "open with" answer as a cancelled dialog or a refusal.
import { join } from 'node:path';
import { createLogger } from '../../main/core/log/logger';
import type { LogSink } from '../../main/core/log/logger';
import { SessionManager } from '../../main/core/session';
import { noPolicy } from '../../main/core/settings/managed-policy';
import { PreferencesFile } from '../../main/core/settings/preferences-file';
import { SessionOnlySecretStore, Vault } from '../../main/core/vault';
import { hostAccount } from '../../main/window-api/account-host';
import type { Emit } from '../../main/window-api/account-host';
import type { FileDialog } from '../../main/window-api/file-dialogs';
import type { CallHandlers } from '../../main/window-api/answer-call';
import { windowCalls } from '../../main/window-api/window-calls';

export type { Emit } from '../../main/window-api/account-host';

export interface SandboxAccess {
  apiUrl: string;
  demoUser: { userId: string; password: string };
}

export interface PageCoreOptions {
  /** The page's own folder: accounts' databases, attachment caches, preferences. */
  dataDir: string;
  /** What "Try the local sandbox" signs in to. */
  sandbox: () => Promise<SandboxAccess>;
  emit: Emit;
  log: LogSink;
  clientVersion: string;
}

export interface PageCore {
  handlers: Partial<CallHandlers>;
  /** Closes the signed-in account's runtime; the files stay for the caller to remove. */
  close(): Promise<void>;
}

const noFileDialog: FileDialog = {
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  showSaveDialog: async () => ({ canceled: true, filePath: '' }),
};

export async function openPageCore(options: PageCoreOptions): Promise<PageCore> {
  const { emit } = options;
  const log = (scope: string) => createLogger(scope, options.log);
  const { file: preferences } = await PreferencesFile.open(join(options.dataDir, 'preferences.json'));
  const session = new SessionManager({
    vault: new Vault(new SessionOnlySecretStore()),
    dataRoot: join(options.dataDir, 'data'),
    clientVersion: options.clientVersion,
    log: log('session'),
  });
  const host = hostAccount({ session, emit, log: log('harness'), runtime: { log: log('account') } });

  const handlers: Partial<CallHandlers> = {
    appInfo: () => ({ name: 'TigerDesk', version: options.clientVersion, platform: process.platform }),
    ...windowCalls({
      session,
      host,
      policy: noPolicy,
      startSandbox: options.sandbox,
      preferences,
      settingsChanged: (view) => emit('settings', view),
      openedConversation: () => {},
      files: {
        dialog: noFileDialog,
        downloads: join(options.dataDir, 'downloads'),
        openedDir: join(options.dataDir, 'opened'),
        openPath: async () => 'The browser harness has no other app to open files with',
      },
    }),
  };
  await session.restore();

  return { handlers, close: () => host.close() };
}
