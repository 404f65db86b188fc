// One browser page's core: the same pieces main/index.ts wires for the Electron window
// (SessionManager, the account runtime, preferences) and the shell's own call handlers, in a
// data folder of the page's own. Secrets are kept in a SessionOnlySecretStore, in memory and
// per page: two pages are two independent clients, and nothing reaches the OS keychain.
// What main/index.ts adds around it (tray, badge, notifications, window) has no page here,
// and neither do the OS's file dialogs and apps: a page attaches files by dropping or pasting
// them, and "pick", "save as" and "open with" answer as a cancelled dialog or a refusal.
import { join } from 'node:path';
import type { ChangeSet, EventName, EventPayload } from '../../preload/contract';
import { openAccount } from '../../main/core/account';
import type { AccountRuntime } from '../../main/core/account';
import { createLogger } from '../../main/core/log/logger';
import type { LogSink } from '../../main/core/log/logger';
import { SessionManager } from '../../main/core/session';
import { noPolicy } from '../../main/core/settings/managed-policy';
import { PreferencesFile } from '../../main/core/settings/preferences-file';
import { SessionOnlySecretStore, Vault } from '../../main/core/vault';
import { accountCalls } from '../../main/shell/account-calls';
import { attachmentCalls } from '../../main/shell/attachment-calls';
import { PickedFiles } from '../../main/shell/file-dialogs';
import type { FileDialog } from '../../main/shell/file-dialogs';
import { groupCalls } from '../../main/shell/group-calls';
import type { CallHandlers } from '../../main/shell/ipc-calls';
import { messageCalls } from '../../main/shell/message-calls';
import { metadataCalls } from '../../main/shell/metadata-calls';
import { peopleCalls } from '../../main/shell/people-calls';
import { sessionCalls, sessionView } from '../../main/shell/session-calls';
import { settingsCalls } from '../../main/shell/settings-calls';

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

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
  const pageLog = log('harness');
  const { file: preferences } = await PreferencesFile.open(join(options.dataDir, 'preferences.json'));
  const session = new SessionManager({
    vault: new Vault(new SessionOnlySecretStore()),
    dataRoot: join(options.dataDir, 'data'),
    clientVersion: options.clientVersion,
    log: log('session'),
  });

  let runtime: AccountRuntime | null = null;
  let runtimeAccount: string | null = null;
  let closeRuntime: () => Promise<void> = async () => {};
  let opening: Promise<void> = Promise.resolve();
  let closed = false;

  const openRuntime = async (accountId: string) => {
    runtimeAccount = accountId;
    const opened = await openAccount({ session, log: log('account') });
    runtime = opened;
    const unsubscribe = [
      opened.sync.onChange((change: ChangeSet) => {
        emit('change', change);
        emit('outbox', opened.outbox.summary());
      }),
      opened.sync.onTyping((typing) => emit('typing', { conversationId: typing.conversationId, people: typing.typing })),
      opened.subscribeConnection((connection) => {
        emit('connection', connection);
        // A refused sign-in pauses sending: the banner says so.
        emit('outbox', opened.outbox.summary());
      }),
    ];
    let closing: Promise<void> | undefined;
    closeRuntime = () => {
      closing ??= (async () => {
        for (const stop of unsubscribe) stop();
        if (runtime === opened) runtime = null;
        if (runtimeAccount === accountId) runtimeAccount = null;
        await opened.close();
      })();
      return closing;
    };
    session.holdOpen(accountId, closeRuntime);
    // The page went away while the account was opening: nothing may keep running for it.
    if (closed) {
      await closeRuntime();
      return;
    }
    await opened.start();
  };

  // As main/index.ts: the page learns of a new account once its runtime is open.
  const tellSession = () => emit('session', sessionView(session.state));
  session.subscribe((state) => {
    if (state.kind !== 'signed-in' || runtimeAccount === state.account.id || closed) tellSession();
    if (state.kind === 'signed-in' && runtimeAccount !== state.account.id && !closed) {
      opening = openRuntime(state.account.id);
      opening.then(tellSession, (error: unknown) => {
        pageLog.error('could not open the account', { error: (error as Error).message });
        if (runtime === null) runtimeAccount = null;
        tellSession();
      });
    } else if (state.kind === 'credentials-rejected') {
      void closeRuntime();
    }
  });

  const currentRuntime = () => runtime;
  const pickedFiles = new PickedFiles();
  const handlers: Partial<CallHandlers> = {
    appInfo: () => ({ name: 'TigerDesk', version: options.clientVersion, platform: process.platform }),
    ...sessionCalls({ session, policy: noPolicy, startSandbox: options.sandbox, accountReady: () => opening }),
    ...settingsCalls({ preferences, policy: noPolicy, changed: (view) => emit('settings', view) }),
    ...accountCalls(currentRuntime, () => {}),
    ...messageCalls(currentRuntime, pickedFiles),
    ...peopleCalls(currentRuntime),
    ...groupCalls(currentRuntime),
    ...metadataCalls(currentRuntime),
    ...attachmentCalls({
      current: currentRuntime,
      dialog: noFileDialog,
      picked: pickedFiles,
      downloads: join(options.dataDir, 'downloads'),
      openedDir: join(options.dataDir, 'opened'),
      openPath: async () => 'The browser harness has no other app to open files with',
    }),
  };
  await session.restore();

  return {
    handlers,
    async close() {
      closed = true;
      // An account still opening holds files in the folder the caller is about to remove.
      await opening.catch(() => undefined);
      await closeRuntime();
    },
  };
}
