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
import { hostAccount } from './window-api/account-host';
import { closeAccountForQuit } from './core/account/account-quit';
import { AppBadge } from './shell/app-badge';
import { removeOpenedCopies } from './window-api/attachment-calls';
import type { BadgeTarget } from './shell/app-badge';
import { appMenuTemplate, installAppMenu } from './shell/app-menu';
import { Attention } from './shell/attention';
import { startAutoUpdates } from './shell/auto-update';
import { imageScaleFactor, overlayPng, trayIconPng } from './core/notify/badge-images';
import { closeToTray } from './shell/close-to-tray';
import { openExternalLink } from './shell/external-links';
import type { FileDialog } from './window-api/file-dialogs';
import { quitGracefully } from './shell/graceful-quit';
import { registerCalls } from './shell/ipc-calls';
import { sendEvent } from './shell/ipc-events';
import { createMainWindow, minimumWindowSize, showWindow } from './shell/main-window';
import { NotificationCenter } from './shell/notifications';
import { denyPermissionsButNotifications } from './shell/permissions';
import { startEmbeddedSandbox } from './shell/sandbox-process';
import type { EmbeddedSandbox } from './shell/sandbox-process';
import { holdSingleInstance } from './shell/single-instance';
import { kickOnWake, watchNetwork } from './shell/system-events';
import type { WakeReason } from './shell/system-events';
import { TrayService } from './shell/tray';
import { windowCalls } from './window-api/window-calls';
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

  const notifiedUpTo: NotifiedUpTo = new Map();
  const notify = (change: ChangeSet, runtime: AccountRuntime) => {
    const current = preferences.current;
    const actions = notificationsFor(
      change,
      new Map(change.conversations.map((conversation) => [conversation.id, conversation])),
      {
        privacy: effectiveNotificationPrivacy(current, policy),
        doNotDisturb: current.doNotDisturb,
        focusedConversationId: window.isFocused() && window.isVisible() ? openConversationId : null,
        personName: (token) => {
          const person = runtime.store.people.user(token);
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

  const host = hostAccount({
    session: sessionManager,
    emit: (event, payload) => sendEvent(window.webContents, event, payload),
    log: shellLog,
    runtime: { log: log('account') },
    async beforeOpen(account) {
      if (await isSandboxServer(account.server)) await ensureSandbox();
    },
    changed: notify,
    started: () => refreshIndicators(),
    released() {
      notifiedUpTo.clear();
      notifications.withdrawAll();
      refreshIndicators();
    },
  });
  // After the host's own listener: the badge follows the runtime it opened or closed.
  sessionManager.subscribe(() => refreshIndicators());

  const fileDialog: FileDialog = {
    showOpenDialog: (options) => dialog.showOpenDialog(window, options),
    showSaveDialog: (options) => dialog.showSaveDialog(window, options),
  };
  const openedDir = path.join(app.getPath('temp'), 'TigerDesk', 'opened');
  // Decrypted copies handed to other apps by an earlier run (see attachment-calls).
  void removeOpenedCopies(openedDir, 0);
  const calls = windowCalls({
    session: sessionManager,
    host,
    policy,
    startSandbox: ensureSandbox,
    preferences,
    settingsChanged(view, next) {
      sendEvent(window.webContents, 'settings', view);
      app.setLoginItemSettings({ openAtLogin: next.startAtLogin });
      nativeTheme.themeSource = next.theme;
      if (next.doNotDisturb) notifications.withdrawAll();
      refreshIndicators();
    },
    openedConversation(conversationId) {
      openConversationId = conversationId;
    },
    files: { dialog: fileDialog, downloads: app.getPath('downloads'), openedDir, openPath: (file) => shell.openPath(file) },
  });
  const tray = new TrayService({
    createTray: (image) => new Tray(image),
    image: (name) => nativeImage.createFromBuffer(trayIconPng(name), { scaleFactor: imageScaleFactor }),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    open: bringToFront,
    setDoNotDisturb: (on) => {
      Promise.resolve(calls.updateSettings({ doNotDisturb: on })).catch((error: unknown) =>
        shellLog.warn('could not save Do Not Disturb', { error: (error as Error).message }),
      );
    },
    quit: () => app.quit(),
  });
  const refreshIndicators = () => {
    const badge = badgeFor(host.current()?.sync.roster() ?? []);
    tray.update({ badge, doNotDisturb: preferences.current.doNotDisturb });
    appBadge.update(badge);
  };

  const kick = (reason: WakeReason) => {
    shellLog.info('reconnecting the event stream', { reason });
    host.current()?.catchUp(60_000).catch((error: unknown) => shellLog.info('the catch-up after a wake did not finish', { error: (error as Error).message }));
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
      // An account still opening is waited for and closed: nothing starts once quitting.
      const runtime = host.current();
      await (runtime === null ? host.close() : closeAccountForQuit(runtime, () => host.close(), { timeoutMs: 2_000, log: shellLog }));
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

  registerCalls(
    ipcMain,
    {
      appInfo: () => ({ name: app.getName(), version: app.getVersion(), platform: process.platform }),
      ...calls,
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
