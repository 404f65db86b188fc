// Wires the core to the Electron shell; nothing else lives here.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  nativeTheme,
  net,
  Notification,
  powerMonitor,
  safeStorage,
  screen,
  session as electronSession,
  shell,
  Tray,
  utilityProcess,
} from 'electron';
import { autoUpdater } from 'electron-updater';
import path from 'node:path';
import type { ChangeSet } from '../preload/contract';
import { openAccount } from './core/account';
import type { AccountRuntime } from './core/account';
import { createLogger } from './core/log/logger';
import { createRotatingFileSink } from './core/log/rotating-file-sink';
import { badgeFor } from './core/notify/badge';
import { notificationsFor } from './core/notify/notification-policy';
import type { NotifiedUpTo } from './core/notify/notification-policy';
import { SessionManager } from './core/session';
import { managedPolicyPath } from './core/settings/managed-policy';
import { effectiveNotificationPrivacy } from './core/settings/preferences';
import { PreferencesFile } from './core/settings/preferences-file';
import { loadManagedPolicy, readJsonFile, writeJsonFile } from './core/settings/settings-files';
import { readWindowState, restoredBounds } from './core/settings/window-bounds';
import { chooseSecretStore, EncryptedFileSecretStore, KeytarSecretStore, Vault } from './core/vault';
import { accountCalls } from './shell/account-calls';
import { closeAccountForQuit } from './shell/account-quit';
import { AppBadge } from './shell/app-badge';
import { attachmentCalls, removeOpenedCopies } from './shell/attachment-calls';
import type { BadgeTarget } from './shell/app-badge';
import { appMenuTemplate, installAppMenu } from './shell/app-menu';
import { Attention } from './shell/attention';
import { startAutoUpdates } from './shell/auto-update';
import { imageScaleFactor, overlayPng, trayIconPng } from './shell/badge-images';
import { closeToTray } from './shell/close-to-tray';
import { openExternalLink } from './shell/external-links';
import { PickedFiles } from './shell/file-dialogs';
import type { FileDialog } from './shell/file-dialogs';
import { quitGracefully } from './shell/graceful-quit';
import { groupCalls } from './shell/group-calls';
import { registerCalls } from './shell/ipc-calls';
import { sendEvent } from './shell/ipc-events';
import { createMainWindow, minimumWindowSize, showWindow } from './shell/main-window';
import { messageCalls } from './shell/message-calls';
import { metadataCalls } from './shell/metadata-calls';
import { NotificationCenter } from './shell/notifications';
import { peopleCalls } from './shell/people-calls';
import { denyPermissionsButNotifications } from './shell/permissions';
import { startEmbeddedSandbox } from './shell/sandbox-process';
import type { EmbeddedSandbox } from './shell/sandbox-process';
import { sessionCalls, sessionView } from './shell/session-calls';
import { settingsCalls } from './shell/settings-calls';
import { holdSingleInstance } from './shell/single-instance';
import { kickOnWake, watchNetwork } from './shell/system-events';
import type { WakeReason } from './shell/system-events';
import { TrayService } from './shell/tray';
import { rememberWindowState } from './shell/window-state';

/** Also electron-builder's appId: Windows groups notifications and taskbar entries by it. */
const appUserModelId = 'app.tigerdesk.desktop';

app.enableSandbox();
if (process.platform === 'win32') app.setAppUserModelId(appUserModelId);

let mainWindow: BrowserWindow | null = null;
const bringToFront = () => {
  if (mainWindow !== null) showWindow(mainWindow);
};

if (!holdSingleInstance(app, bringToFront)) {
  app.quit();
} else {
  void app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error(`TigerDesk could not start: ${error instanceof Error ? error.message : String(error)}`);
      app.exit(1);
    });
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const { sink } = createRotatingFileSink({ file: path.join(app.getPath('logs'), 'tigerdesk.log') });
  const log = (scope: string) => createLogger(scope, sink);
  const shellLog = log('shell');

  const policyReading = await loadManagedPolicy(managedPolicyPath(process.platform, process.env));
  if (!policyReading.ok) shellLog.error(policyReading.error);
  const policy = policyReading.policy;
  const { file: preferences, notes } = await PreferencesFile.open(path.join(userData, 'preferences.json'));
  for (const note of notes) shellLog.warn(note);
  const windowStateFile = path.join(userData, 'window-state.json');
  const storedWindow = await readJsonFile(windowStateFile);
  const windowState = storedWindow.kind === 'read' ? readWindowState(storedWindow.value) : null;

  denyPermissionsButNotifications(electronSession.defaultSession);
  // The page's prefers-color-scheme follows the user's choice.
  nativeTheme.themeSource = preferences.current.theme;

  const vaultLog = log('vault');
  const { store: secretStore } = await chooseSecretStore(
    [
      new KeytarSecretStore({ service: 'TigerDesk' }),
      new EncryptedFileSecretStore({ codec: safeStorage, path: path.join(userData, 'secrets.bin') }),
    ],
    { info: (message) => vaultLog.info(message), warn: (message) => vaultLog.warn(message) },
  );
  const sessionManager = new SessionManager({
    vault: new Vault(secretStore),
    dataRoot: path.join(userData, 'data'),
    clientVersion: `TigerDesk/${app.getVersion()}`,
    log: log('session'),
  });

  const window = createMainWindow(BrowserWindow, {
    preload: path.join(__dirname, '..', 'preload', 'index.cjs'),
    indexHtml: path.join(__dirname, '..', 'renderer', 'index.html'),
    bounds: restoredBounds(windowState, screen.getAllDisplays().map((display) => display.workArea), minimumWindowSize),
    maximized: windowState?.maximized ?? false,
    openOutside: (url) => {
      openExternalLink(shell, url).catch((error: unknown) => shellLog.warn('could not open a link', { error: (error as Error).message }));
    },
  });
  mainWindow = window;
  rememberWindowState({
    window,
    save: (state) => {
      writeJsonFile(windowStateFile, state).catch((error: unknown) => shellLog.warn('could not save the window state', { error: (error as Error).message }));
    },
  });
  app.on('activate', bringToFront);

  let runtime: AccountRuntime | null = null;
  let sandbox: Promise<EmbeddedSandbox> | null = null;
  // The conversation the window shows, as far as its calls tell (see accountCalls).
  let openConversationId: string | null = null;

  const notifications = new NotificationCenter({
    create: (options) => new Notification(options),
    open(conversationId) {
      bringToFront();
      openConversationId = conversationId;
      sendEvent(window.webContents, 'openConversation', { conversationId });
    },
  });
  const attention = new Attention({ window, ...(app.dock === undefined ? {} : { dock: app.dock }) });
  const badgeTarget: BadgeTarget =
    app.dock !== undefined
      ? { kind: 'dock', dock: app.dock }
      : process.platform === 'win32'
        ? { kind: 'overlay', window, image: (label, priority) => nativeImage.createFromBuffer(overlayPng(label, priority), { scaleFactor: imageScaleFactor }) }
        : { kind: 'count', app };
  const appBadge = new AppBadge(badgeTarget);

  const settings = settingsCalls({
    preferences,
    policy,
    changed(view, next) {
      sendEvent(window.webContents, 'settings', view);
      app.setLoginItemSettings({ openAtLogin: next.startAtLogin });
      nativeTheme.themeSource = next.theme;
      if (next.doNotDisturb) notifications.withdrawAll();
      refreshIndicators();
    },
  });
  const tray = new TrayService({
    createTray: (image) => new Tray(image),
    image: (name) => nativeImage.createFromBuffer(trayIconPng(name), { scaleFactor: imageScaleFactor }),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    open: bringToFront,
    setDoNotDisturb: (on) => {
      Promise.resolve(settings.updateSettings({ doNotDisturb: on })).catch((error: unknown) =>
        shellLog.warn('could not save Do Not Disturb', { error: (error as Error).message }),
      );
    },
    quit: () => app.quit(),
  });
  const refreshIndicators = () => {
    const badge = badgeFor(runtime?.sync.roster() ?? []);
    tray.update({ badge, doNotDisturb: preferences.current.doNotDisturb });
    appBadge.update(badge);
  };

  const notifiedUpTo: NotifiedUpTo = new Map();
  const onChange = (change: ChangeSet) => {
    sendEvent(window.webContents, 'change', change);
    if (runtime !== null) sendEvent(window.webContents, 'outbox', runtime.outbox.summary());
    const current = preferences.current;
    const actions = notificationsFor(
      change,
      new Map(change.conversations.map((conversation) => [conversation.id, conversation])),
      {
        privacy: effectiveNotificationPrivacy(current, policy),
        doNotDisturb: current.doNotDisturb,
        focusedConversationId: window.isFocused() && window.isVisible() ? openConversationId : null,
        personName: (token) => {
          const person = runtime?.store.people.user(token);
          return person?.displayName ?? person?.username ?? 'Someone';
        },
      },
      notifiedUpTo,
    );
    if (Notification.isSupported()) notifications.apply(actions);
    if (actions.attention.length > 0) attention.request();
    refreshIndicators();
  };

  const sandboxDir = path.join(userData, 'sandbox');
  const sandboxPortFile = path.join(sandboxDir, 'port.json');
  const storedSandboxPort = async (): Promise<number> => {
    const stored = await readJsonFile(sandboxPortFile);
    return stored.kind === 'read' && Number.isInteger(stored.value) ? (stored.value as number) : 0;
  };
  const ensureSandbox = (): Promise<EmbeddedSandbox> => {
    sandbox ??= (async () => {
      const started = await startEmbeddedSandbox((modulePath, args, options) => utilityProcess.fork(modulePath, args, options), {
        bundlePath: path.join(__dirname, '..', 'sandbox', 'utility.cjs'),
        dataDir: path.join(sandboxDir, 'data'),
        // The same port as last time: the demo account's stored server URL names it.
        port: await storedSandboxPort(),
        exited: (code) => {
          sandbox = null;
          if (!quit.quitting) shellLog.warn('the local sandbox stopped', { code });
        },
      });
      await writeJsonFile(sandboxPortFile, started.port);
      return started;
    })().catch((error: unknown) => {
      sandbox = null;
      throw error;
    });
    return sandbox;
  };
  const isSandboxServer = async (server: string) => {
    const port = await storedSandboxPort();
    return port !== 0 && server === `http://127.0.0.1:${port}/v2`;
  };

  // The account whose runtime is open or opening, and how to close it with what listens to it.
  let runtimeAccount: string | null = null;
  let closeRuntime: () => Promise<void> = async () => {};
  // The runtime being opened for the account just signed in to; a sign-in call answers after it.
  let opening: Promise<void> = Promise.resolve();
  const openRuntime = async (accountId: string, server: string) => {
    runtimeAccount = accountId;
    if (await isSandboxServer(server)) await ensureSandbox();
    const opened = await openAccount({ session: sessionManager, log: log('account') });
    runtime = opened;
    const unsubscribe = [
      opened.sync.onChange(onChange),
      opened.sync.onTyping((typing) => sendEvent(window.webContents, 'typing', { conversationId: typing.conversationId, people: typing.typing })),
      opened.subscribeConnection((connection) => {
        sendEvent(window.webContents, 'connection', connection);
        // A refused sign-in pauses sending: the banner says so.
        sendEvent(window.webContents, 'outbox', opened.outbox.summary());
      }),
    ];
    let closing: Promise<void> | undefined;
    closeRuntime = () => {
      closing ??= (async () => {
        for (const stop of unsubscribe) stop();
        if (runtime === opened) runtime = null;
        if (runtimeAccount === accountId) runtimeAccount = null;
        notifiedUpTo.clear();
        notifications.withdrawAll();
        await opened.close();
        refreshIndicators();
      })();
      return closing;
    };
    // The session closes it before a sign-out, a switch or a wipe touches the account's files.
    sessionManager.holdOpen(accountId, closeRuntime);
    await opened.start();
    refreshIndicators();
  };
  // The window learns of a new account only once its runtime is open, so its first reading
  // calls find it; it is told the state as it is then, which may have moved on meanwhile.
  const tellSession = () => sendEvent(window.webContents, 'session', sessionView(sessionManager.state));
  sessionManager.subscribe((state) => {
    if (state.kind !== 'signed-in' || runtimeAccount === state.account.id) tellSession();
    if (state.kind === 'signed-in' && runtimeAccount !== state.account.id) {
      opening = openRuntime(state.account.id, state.account.server);
      opening.then(tellSession, (error: unknown) => {
        shellLog.error('could not open the account', { error: (error as Error).message });
        if (runtime === null) runtimeAccount = null;
        tellSession();
      });
    } else if (state.kind === 'credentials-rejected') {
      // A fresh sign-in opens a new runtime: this one refuses to reconnect.
      void closeRuntime();
    }
    refreshIndicators();
  });

  const kick = (reason: WakeReason) => {
    shellLog.info('reconnecting the event stream', { reason });
    runtime?.catchUp(60_000).catch((error: unknown) => shellLog.info('the catch-up after a wake did not finish', { error: (error as Error).message }));
  };
  kickOnWake(powerMonitor, kick);
  const stopNetworkWatch = watchNetwork({
    isOnline: () => net.isOnline(),
    changed: (online) => {
      if (online) kick('network-back');
    },
  });

  const stopUpdates = startAutoUpdates(autoUpdater, policy, {
    failed: (error) => shellLog.warn('the update check failed', { error: (error as Error).message }),
  });

  const quit = quitGracefully(
    app,
    async () => {
      stopNetworkWatch();
      stopUpdates?.();
      notifications.withdrawAll();
      tray.destroy();
      if (runtime !== null) await closeAccountForQuit(runtime, closeRuntime, { timeoutMs: 2_000, log: shellLog });
      if (sandbox !== null) await (await sandbox.catch(() => null))?.stop();
    },
    { timeoutMs: 6_000, failed: (error) => shellLog.error('the shutdown failed', { error: (error as Error).message }) },
  );
  closeToTray({
    window,
    quitting: () => quit.quitting,
    noticeShown: () => preferences.current.closeToTrayNoticeShown,
    showNotice() {
      if (Notification.isSupported()) {
        new Notification({ title: 'TigerDesk is still running', body: 'New messages still arrive and notify you. Quit from the tray icon’s menu.' }).show();
      }
      preferences.save({ ...preferences.current, closeToTrayNoticeShown: true }).catch((error: unknown) =>
        shellLog.warn('could not save the preferences', { error: (error as Error).message }),
      );
    },
  });
  installAppMenu(Menu, appMenuTemplate(process.platform, app.getName(), { open: bringToFront, quit: () => app.quit() }));

  const currentRuntime = () => runtime;
  const pickedFiles = new PickedFiles();
  const fileDialog: FileDialog = {
    showOpenDialog: (options) => dialog.showOpenDialog(window, options),
    showSaveDialog: (options) => dialog.showSaveDialog(window, options),
  };
  const openedDir = path.join(app.getPath('temp'), 'TigerDesk', 'opened');
  // Decrypted copies handed to other apps by an earlier run (see attachment-calls).
  void removeOpenedCopies(openedDir, 0);
  registerCalls(
    ipcMain,
    {
      appInfo: () => ({ name: app.getName(), version: app.getVersion(), platform: process.platform }),
      ...sessionCalls({ session: sessionManager, policy, startSandbox: ensureSandbox, accountReady: () => opening }),
      ...settings,
      ...accountCalls(
        () => runtime,
        (conversationId) => {
          openConversationId = conversationId;
        },
      ),
      ...messageCalls(currentRuntime, pickedFiles),
      ...peopleCalls(currentRuntime),
      ...groupCalls(currentRuntime),
      ...metadataCalls(currentRuntime),
      ...attachmentCalls({
        current: currentRuntime,
        dialog: fileDialog,
        picked: pickedFiles,
        downloads: app.getPath('downloads'),
        openedDir,
        openPath: (file) => shell.openPath(file),
      }),
      async openExternalLink({ url }) {
        await openExternalLink(shell, url);
        return { ok: true };
      },
    },
    shellLog,
  );
  refreshIndicators();
  await sessionManager.restore();
}
