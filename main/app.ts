// The one composition of the app: the core, the window's API and the Electron shell wired
// together. Electron comes in as `platform` (main/shell/platform.ts), never imported here: the
// app passes the real modules (main/index.ts), the tests and the browser harness pass the
// desktop stand-in (test/desktop/). A second wiring of the core is a bug.
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { languageOfLocale } from '../i18n/languages';
import type { Language } from '../i18n/languages';
import { saidOf } from '../i18n/said-error';
import type { ChangeSet, Settings } from '../preload/contract';
import type { AccountRuntime, UrgentAlertChange } from './core/account';
import { closeAccountForQuit } from './core/account/account-quit';
import { appName } from './core/notify/app-name';
import { urgentAlertSettingsOf } from './core/alerts/urgent-schedule';
import { ScreenLock } from './core/lock/screen-lock';
import { createLogger } from './core/log/logger';
import type { LogSink } from './core/log/logger';
import { createRotatingFileSink } from './core/log/rotating-file-sink';
import { imageScaleFactor, overlayPng, trayIconPng } from './core/notify/badge-images';
import { notificationsFor } from './core/notify/notification-policy';
import type { NotifiedUpTo } from './core/notify/notification-policy';
import { urgentNotificationsFor } from './core/notify/urgent-notifications';
import { RosterBadge } from './core/notify/roster-badge';
import { SessionManager } from './core/session';
import { doNotDisturbAt } from './core/settings/dnd-schedule';
import { createDoNotDisturbTimer } from './core/settings/dnd-timer';
import { createDoNotDisturbPublisher } from './core/account/dnd-publisher';
import { managedPolicySource } from './core/settings/managed-policy';
import { atLeastAsPrivate } from './core/settings/notification-privacy';
import { strictestAutoLockMinutes } from './core/settings/organization-policy';
import {
  effectiveAutoLockMinutes,
  effectiveLanguage,
  effectiveNotificationPrivacy,
  effectiveQuickReplies,
  effectiveSpellCheckLanguages,
  settingsView,
  storedAccountRefused,
} from './core/settings/preferences';
import { PreferencesFile } from './core/settings/preferences-file';
import { loadPolicyFrom, readJsonFile, writeJsonFile } from './core/settings/settings-files';
import { readWindowState, restoredBounds } from './core/settings/window-bounds';
import { chooseSecretStore, EncryptedFileSecretStore, KeytarSecretStore, Vault } from './core/vault';
import { AppBadge } from './shell/app-badge';
import type { BadgeTarget } from './shell/app-badge';
import { appMenuTemplate, installAppMenu } from './shell/app-menu';
import { Attention } from './shell/attention';
import { readPinnedPublishers, startAutoUpdates } from './shell/auto-update';
import { closeToTray } from './shell/close-to-tray';
import { coreFetchOver } from './shell/core-fetch';
import { openExternalLink } from './shell/external-links';
import { quitGracefully } from './shell/graceful-quit';
import { registerCallsOnceReady } from './shell/ipc-calls';
import type { PendingCalls } from './shell/ipc-calls';
import { sendEvent } from './shell/ipc-events';
import { appPageUrl, registerAppScheme } from './shell/app-origin';
import { createMainLanguage, mainTranslator } from './core/language/main-language';
import { ContextTargets, showContextMenus } from './shell/context-menu-wiring';
import { createMainWindow, devToolsAllowed, minimumWindowSize, showWindow } from './shell/main-window';
import { spellChecker } from './shell/spell-check';
import { NotificationCenter } from './shell/notifications';
import { denyPermissionsButNotifications } from './shell/permissions';
import type { AppWindow, DesktopPlatform } from './shell/platform';
import { serveRenderer } from './shell/renderer-protocol';
import { startEmbeddedSandbox } from './shell/sandbox-process';
import type { EmbeddedSandbox } from './shell/sandbox-process';
import { lockWhenIdle } from './shell/idle-lock';
import { holdSingleInstance } from './shell/single-instance';
import { kickOnWake, watchNetwork } from './shell/system-events';
import type { WakeReason } from './shell/system-events';
import { TrayService } from './shell/tray';
import { rememberWindowState } from './shell/window-state';
import { hostAccount } from './window-api/account-host';
import type { Emit } from './window-api/account-host';
import { removeOpenedCopies } from './window-api/attachment-calls';
import { eventWhileLocked } from './window-api/lock-calls';
import { nativeFileDialog } from './window-api/file-dialogs';
import { answerFromNotification } from './window-api/notification-answers';
import { windowCalls } from './window-api/window-calls';

/** Also electron-builder's appId: Windows groups notifications and taskbar entries by it. */
const appUserModelId = 'app.tigerdesk.desktop';

export interface AppOptions {
  /** The built app: `main/`, `preload/index.cjs`, `renderer/index.html`, `sandbox/utility.cjs`. */
  distDir: string;
  /** The OS keychain's service name for this installation's secrets. */
  keychainService: string;
  /** Also where the log goes; absent: the rotating log file in the app's log folder. */
  log?: LogSink;
  /**
   * For tests: the managed settings file read (with the same checks) instead of the system's
   * (managedPolicySource). Never taken from the environment: the user controls that.
   */
  managedPolicyFile?: string;
}

export type AppStart =
  | { kind: 'started' }
  /** Another instance holds the lock: it was asked to show itself, and this one quits. */
  | { kind: 'second-instance' }
  | { kind: 'failed'; reason: string };

/**
 * Starts TigerDesk on the platform given. Settles once the window and the signed-in account
 * (if any) are up, or with the reason start-up failed, which the user has then been shown in
 * a native error dialog before the app exits.
 */
export async function startApp<W extends AppWindow>(platform: DesktopPlatform<W>, options: AppOptions): Promise<AppStart> {
  const { app } = platform;
  app.enableSandbox();
  // Before ready, as Electron requires: the page's origin (see app-origin.ts).
  registerAppScheme(platform.protocol);
  if (process.platform === 'win32') app.setAppUserModelId(appUserModelId);

  let mainWindow: AppWindow | null = null;
  // The window's calls, registered with the window and answered once the app is ready.
  let pendingCalls: PendingCalls | null = null;
  const bringToFront = () => {
    if (mainWindow !== null) showWindow(mainWindow);
  };
  // The app's language once the settings are read; the OS's until then.
  let language: Language | null = null;
  if (!holdSingleInstance(app, bringToFront)) {
    app.quit();
    return { kind: 'second-instance' };
  }
  try {
    await app.whenReady();
    await start(
      platform,
      options,
      (window) => {
        mainWindow = window;
      },
      bringToFront,
      (known) => {
        language = known;
      },
      (calls) => {
        pendingCalls = calls;
      },
    );
    return { kind: 'started' };
  } catch (error) {
    // The page's calls, waiting or to come, fail with the start.
    (pendingCalls as PendingCalls | null)?.failed(error);
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`TigerDesk could not start: ${reason}`);
    const words = mainTranslator(language ?? languageOfLocale(app.getLocale()));
    platform.dialog.showErrorBox(words.t('startup.failed.title', { app: appName }), words.text(saidOf(error)));
    app.exit(1);
    return { kind: 'failed', reason };
  }
}

async function start<W extends AppWindow>(
  platform: DesktopPlatform<W>,
  options: AppOptions,
  windowMade: (window: W) => void,
  bringToFront: () => void,
  languageKnown: (language: Language) => void,
  callsRegistered: (calls: PendingCalls) => void,
): Promise<void> {
  const { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, nativeTheme, net, Notification, powerMonitor, safeStorage, screen, shell, Tray, utilityProcess } = platform;
  const userData = app.getPath('userData');
  const sink = options.log ?? createRotatingFileSink({ file: path.join(app.getPath('logs'), 'tigerdesk.log') }).sink;
  const log = (scope: string) => createLogger(scope, sink);
  const shellLog = log('shell');

  const policySource = options.managedPolicyFile === undefined ? managedPolicySource(process.platform) : { kind: 'file' as const, path: options.managedPolicyFile };
  const policyReading = await loadPolicyFrom(policySource, process.platform);
  if (!policyReading.ok) shellLog.error(policyReading.error);
  const policy = policyReading.policy;
  const { file: preferences, notes } = await PreferencesFile.open(path.join(userData, 'preferences.json'));
  for (const note of notes) shellLog.warn(note);
  const windowStateFile = path.join(userData, 'window-state.json');
  const storedWindow = await readJsonFile(windowStateFile);
  const windowState = storedWindow.kind === 'read' ? readWindowState(storedWindow.value) : null;
  // What main shows itself (menu, tray, notifications, dialogs) speaks the app's language, and
  // follows it when the settings change it (settingsChanged).
  const mainLanguage = createMainLanguage(effectiveLanguage(preferences.current, policy, app.getLocale()));
  languageKnown(mainLanguage.language);

  // Decrypted copies handed to other apps: in a folder only this user can reach, never a shared
  // temporary folder, and gone with the session (sign-out, switch, wipe, quit) or, after a
  // crash, at the next start.
  const openedDir = path.join(userData, 'opened');
  await mkdir(openedDir, { recursive: true, mode: 0o700 });
  await chmod(openedDir, 0o700);
  await removeOpenedCopies(openedDir, 0);
  const removeCopies = () => {
    removeOpenedCopies(openedDir, 0).catch((error: unknown) => shellLog.warn('could not remove the opened copies', { error: (error as Error).message }));
  };

  denyPermissionsButNotifications(platform.session.defaultSession);
  // Before the window loads: its dictionaries come from where hospital IT says, in the languages chosen.
  const spelling = spellChecker(platform.session.defaultSession, { os: process.platform, dictionaryUrl: policy.spellCheckDictionaryUrl, osLocale: app.getLocale(), log: shellLog });
  spelling.languages(effectiveSpellCheckLanguages(preferences.current, effectiveLanguage(preferences.current, policy, app.getLocale())));
  // The page's prefers-color-scheme follows the user's choice.
  nativeTheme.themeSource = preferences.current.theme;

  await serveRenderer(platform.protocol, path.join(options.distDir, 'renderer'));
  // First of all the window, before the keychain is asked and the account opened: its page loads
  // (a renderer process started, its scripts read) while they are.
  const window = createMainWindow(BrowserWindow, {
    preload: path.join(options.distDir, 'preload', 'index.cjs'),
    pageUrl: appPageUrl,
    bounds: restoredBounds(windowState, screen.getAllDisplays().map((display) => display.workArea), minimumWindowSize),
    maximized: windowState?.maximized ?? false,
    devTools: devToolsAllowed(app.isPackaged, policy),
    openOutside: (url) => {
      openExternalLink(shell, url).catch((error: unknown) => shellLog.warn('could not open a link', { error: (error as Error).message }));
    },
  });
  windowMade(window);
  rememberWindowState({
    window,
    save: (state) => {
      writeJsonFile(windowStateFile, state).catch((error: unknown) => shellLog.warn('could not save the window state', { error: (error as Error).message }));
    },
  });
  app.on('activate', bringToFront);
  // Every call at once, answered once the app below is ready: the page's first calls wait for it.
  const pendingCalls = registerCallsOnceReady(ipcMain, shellLog, { contents: window.webContents, url: appPageUrl });
  callsRegistered(pendingCalls);

  const vaultLog = log('vault');
  const { store: secretStore, report: secrets } = await chooseSecretStore(
    [
      new KeytarSecretStore({ service: options.keychainService }),
      new EncryptedFileSecretStore({ codec: safeStorage, path: path.join(userData, 'secrets.bin') }),
    ],
    { info: (message) => vaultLog.info(message), warn: (message) => vaultLog.warn(message) },
  );
  // One vault for the session and the lock: it runs their keychain operations one at a time.
  const vault = new Vault(secretStore);
  const sessionManager = new SessionManager({
    vault,
    dataRoot: path.join(userData, 'data'),
    clientVersion: `TigerDesk/${app.getVersion()}`,
    // Every account's calls and event stream, and every sign-in, go through Electron's network stack.
    fetch: coreFetchOver(net),
    log: log('session'),
    identityProven: (accountId: string, password: string | null): Promise<void> => screenLock.identityProven(accountId, password),
  });
  const screenLock: ScreenLock = new ScreenLock({ vault, session: sessionManager, clock: platform.clock, log: log('lock') });

  let sandbox: Promise<EmbeddedSandbox> | null = null;
  // The conversation the window shows, as far as its calls tell (see accountCalls).
  let openConversationId: string | null = null;

  // Whether a notification may offer a reply and send it: never while locked, so that nothing
  // is sent from a locked screen (a reply typed then is dropped, as the OS field offered none).
  const notificationRepliesAllowed = (): boolean => !screenLock.isLocked();
  const notifications = new NotificationCenter({
    create: (options) => new Notification(options),
    platform: platform.notificationPlatform,
    open(conversationId) {
      bringToFront();
      openConversationId = conversationId;
      toWindow('openConversation', { conversationId });
    },
    reply(answer) {
      // Asked again when the answer comes: a notification shown before the lock stays on screen.
      if (notificationRepliesAllowed()) void answerNotification(answer);
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

  // A locked window is told nothing of the account's data (lock-calls.ts), and notifications
  // then show a count at most: whoever stands at the screen is not known to be its owner.
  const toWindow: Emit = (event, payload) => {
    const told = screenLock.isLocked() ? eventWhileLocked(event, payload) : payload;
    if (told !== null) sendEvent(window.webContents, event, told);
  };
  const notificationPrivacy = () => {
    const privacy = effectiveNotificationPrivacy(preferences.current, policy);
    return screenLock.isLocked() ? atLeastAsPrivate(privacy, 'count') : privacy;
  };
  // Do Not Disturb is the switch or the schedule; whoever reads it reads both.
  const doNotDisturbNow = () => doNotDisturbAt(preferences.current, platform.clock.now());
  // Urgent alerts stay on screen unless the managed settings let Do Not Disturb silence them too.
  const silenceForDoNotDisturb = () => {
    if (policy.urgentAlerts?.doNotDisturbSilences === true) notifications.withdrawAll();
    else notifications.withdrawOrdinary();
  };
  // Colleagues see Do Not Disturb and its message: the server is told at each change, at each
  // start of an account and when the network comes back.
  const doNotDisturbPublisher = createDoNotDisturbPublisher(
    () => ({ on: doNotDisturbNow(), text: preferences.current.doNotDisturbText }),
    shellLog,
  );
  const publishDoNotDisturb = () => {
    const runtime = host.current();
    if (runtime !== null) void doNotDisturbPublisher.publish(runtime);
  };
  // At each start and end of the schedule: as the switch does, and the window's settings say so.
  const doNotDisturbTimer = createDoNotDisturbTimer({
    clock: platform.clock,
    preferences: () => preferences.current,
    changed(on) {
      publishDoNotDisturb();
      if (on) silenceForDoNotDisturb();
      sendEvent(window.webContents, 'settings', currentSettings());
      refreshIndicators();
    },
  });

  const notifiedUpTo: NotifiedUpTo = new Map();
  // The badge follows the change sets instead of reading the whole roster at every change (issue 16).
  const rosterBadge = new RosterBadge();
  const notify = (change: ChangeSet, runtime: AccountRuntime) => {
    rosterBadge.changed(runtime, change);
    if (change.organizations !== undefined) {
      // An organization's auto-lock time may have changed: the lock and the settings follow it.
      idleLock.reschedule();
      sendEvent(window.webContents, 'settings', currentSettings());
    }
    const current = preferences.current;
    const actions = notificationsFor(
      change,
      new Map(change.conversations.map((conversation) => [conversation.id, conversation])),
      {
        privacy: notificationPrivacy(),
        doNotDisturb: doNotDisturbNow(),
        focusedConversationId: window.isFocused() && window.isVisible() && !screenLock.isLocked() ? openConversationId : null,
        allowReply: notificationRepliesAllowed(),
        quickReplies: effectiveQuickReplies(current, policy),
        translator: mainLanguage.translator,
        now: platform.clock.now(),
      },
      notifiedUpTo,
    );
    if (Notification.isSupported()) notifications.apply(actions);
    refreshIndicators();
  };
  // Urgent messages alert on their schedule until read, whatever the privacy level; Do Not
  // Disturb silences them only where the managed settings say so.
  const alertUrgently = (change: UrgentAlertChange): boolean => {
    const actions = urgentNotificationsFor(
      change,
      {
        privacy: notificationPrivacy(),
        doNotDisturb: doNotDisturbNow(),
        doNotDisturbSilencesUrgent: policy.urgentAlerts?.doNotDisturbSilences === true,
        allowReply: notificationRepliesAllowed(),
        quickReplies: effectiveQuickReplies(preferences.current, policy),
        translator: mainLanguage.translator,
      },
      notifications.urgentKeys(),
    );
    if (Notification.isSupported()) notifications.apply(actions);
    if (actions.sound) attention.request();
    return actions.sound;
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
        bundlePath: path.join(options.distDir, 'sandbox', 'utility.cjs'),
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


  /** The strictest auto-lock time of the signed-in account's organizations (null: none known). */
  function organizationAutoLockMinutes(): number | null {
    return strictestAutoLockMinutes(host.current()?.sync.organizations() ?? []);
  }
  function currentSettings(): Settings {
    return settingsView(preferences.current, policy, secrets.kind, platform.clock.now(), platform.app.getLocale(), organizationAutoLockMinutes());
  }

  const host = hostAccount({
    session: sessionManager,
    emit: toWindow,
    lock: screenLock,
    log: shellLog,
    runtime: {
      log: log('account'),
      clock: platform.clock,
      urgentAlerts: urgentAlertSettingsOf(policy.urgentAlerts),
      // The window applies the messages of the thread it shows (and asks for that thread's pages
      // after saying which it is); notifications need only each other conversation's newest.
      threadShown: (conversationId) => conversationId === openConversationId,
    },
    async beforeOpen(account) {
      const onLocalSandbox = await isSandboxServer(account.server);
      // Today's rules apply to accounts stored before them: such an account is not connected
      // (nor its hidden sandbox started), and the window says why; sign-out still erases it.
      const refused = storedAccountRefused(account.server, policy, onLocalSandbox);
      if (refused !== null) throw refused;
      if (onLocalSandbox) await ensureSandbox();
    },
    changed: notify,
    urgent: alertUrgently,
    started: () => {
      refreshIndicators();
      publishDoNotDisturb();
    },
    released() {
      notifiedUpTo.clear();
      notifications.withdrawAll();
      removeCopies();
      refreshIndicators();
    },
  });
  // After the host's own listener: the badge follows the runtime it opened or closed.
  sessionManager.subscribe(() => refreshIndicators());

  const fileDialog = nativeFileDialog(
    {
      showOpenDialog: (options) => dialog.showOpenDialog(window, options),
      showSaveDialog: (options) => dialog.showSaveDialog(window, options),
    },
    () => mainLanguage.translator,
  );
  const calls = windowCalls({
    session: sessionManager,
    lock: screenLock,
    host,
    policy,
    startSandbox: ensureSandbox,
    preferences,
    secretStorage: secrets.kind,
    organizationAutoLockMinutes,
    settingsChanged(view, next) {
      sendEvent(window.webContents, 'settings', view);
      spelling.languages(effectiveSpellCheckLanguages(next, view.language));
      app.setLoginItemSettings({ openAtLogin: next.startAtLogin });
      nativeTheme.themeSource = next.theme;
      idleLock.reschedule();
      if (doNotDisturbAt(next, platform.clock.now())) silenceForDoNotDisturb();
      // A schedule changed: its next start or end.
      doNotDisturbTimer.rearm();
      publishDoNotDisturb();
      // A new language: the menu now, the tray with the indicators; later notifications word in it.
      if (mainLanguage.switchTo(view.language)) installMenu();
      refreshIndicators();
    },
    openedConversation(conversationId) {
      openConversationId = conversationId;
    },
    files: { dialog: fileDialog, downloads: app.getPath('downloads'), openedDir, openPath: (file) => shell.openPath(file) },
    now: () => platform.clock.now(),
    osLocale: () => platform.app.getLocale(),
  });
  // The same calls the window makes: the outbox sends the answer, as it sends the composer's.
  const answerNotification = answerFromNotification(calls, shellLog);
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
    translator: () => mainLanguage.translator,
  });
  const refreshIndicators = () => {
    const badge = rosterBadge.badge(host.current(), platform.clock.now(), mainLanguage.translator);
    tray.update({ badge, doNotDisturb: doNotDisturbNow(), locked: screenLock.isLocked() });
    appBadge.update(badge);
  };

  // Resume, unlock and the network coming back: what expired meanwhile is erased, queued
  // sends go and the stream reconnects (DESIGN.md: reconnect on evidence, not on trust).
  const wake = (reason: WakeReason) => {
    shellLog.info('reconnecting the event stream', { reason });
    host.current()?.networkBack();
    // The schedule's timer stood still during sleep.
    doNotDisturbTimer.rearm();
    publishDoNotDisturb();
  };
  kickOnWake(powerMonitor, wake);
  const idleLock = lockWhenIdle({
    powerMonitor,
    clock: platform.clock,
    timeoutMinutes: () => effectiveAutoLockMinutes(preferences.current, policy, organizationAutoLockMinutes()),
    lock: (reason) => void screenLock.lock(reason),
  });
  // Locking withdraws what notifications show and hides the window's content from screen
  // capture and thumbnails; the window itself is told through the session (account-host.ts).
  let windowLocked = false;
  screenLock.subscribe((state) => {
    const locked = state?.locked ?? false;
    if (locked === windowLocked) return;
    windowLocked = locked;
    window.setContentProtection(locked);
    if (locked) {
      notifications.withdrawAll();
      const urgent = host.current()?.urgent.alerts().length ?? 0;
      toWindow('urgentAlerts', { alerts: [], count: urgent, sound: false });
    }
    refreshIndicators();
  });
  const stopNetworkWatch = watchNetwork({
    isOnline: () => net.isOnline(),
    changed: (online) => {
      if (online) wake('network-back');
    },
  });

  const stopUpdates = startAutoUpdates(platform.autoUpdater, policy, {
    platform: process.platform,
    // electron-builder writes the Windows publisher pin into the installed resources folder.
    pinnedPublishers: process.platform === 'win32' ? await readPinnedPublishers(path.join(process.resourcesPath, 'app-update.yml')) : null,
    failed: (error) => shellLog.warn('an update was refused or failed, and nothing was installed', { error: (error as Error).message }),
    info: (message) => shellLog.info(message),
    available(version) {
      shellLog.info('an update is available but only announced', { version });
      if (Notification.isSupported()) {
        const words = mainLanguage.translator;
        new Notification({
          title: words.t('notification.update-available.title', { app: appName }),
          body: words.t('notification.update-available.body', { app: appName, version }),
        }).show();
      }
    },
  });

  const quit = quitGracefully(
    app,
    async () => {
      stopNetworkWatch();
      idleLock.stop();
      stopUpdates?.();
      doNotDisturbTimer.stop();
      notifications.withdrawAll();
      tray.destroy();
      // An account still opening is waited for and closed: nothing starts once quitting.
      const runtime = host.current();
      await (runtime === null
        ? host.close()
        : closeAccountForQuit(runtime, () => host.close(), { timeoutMs: 2_000, log: shellLog, revoke: secrets.kind === 'session-only' }));
      if (sandbox !== null) await (await sandbox.catch(() => null))?.stop();
      await removeOpenedCopies(openedDir, 0);
    },
    { timeoutMs: 6_000, failed: (error) => shellLog.error('the shutdown failed', { error: (error as Error).message }) },
  );
  closeToTray({
    window,
    quitting: () => quit.quitting,
    noticeShown: () => preferences.current.closeToTrayNoticeShown,
    showNotice() {
      if (Notification.isSupported()) {
        const words = mainLanguage.translator;
        new Notification({ title: words.t('notification.still-running.title', { app: appName }), body: words.t('notification.still-running.body') }).show();
      }
      preferences.save({ ...preferences.current, closeToTrayNoticeShown: true }).catch((error: unknown) =>
        shellLog.warn('could not save the preferences', { error: (error as Error).message }),
      );
    },
  });
  const menuActions = { open: bringToFront, lock: () => void screenLock.lock('manual'), quit: () => app.quit() };
  function installMenu(): void {
    installAppMenu(Menu, appMenuTemplate(process.platform, app.getName(), menuActions, mainLanguage.translator));
  }
  installMenu();

  const contextTargets = new ContextTargets();
  showContextMenus({
    contents: window.webContents,
    buildMenu: (template) => Menu.buildFromTemplate(template),
    clipboard: platform.clipboard,
    session: platform.session.defaultSession,
    language: () => currentSettings().language,
    targets: contextTargets,
    log: shellLog,
    saveAttachment: async (messageId) => calls.saveAttachment({ messageId }),
    showErrorBox: (title, content) => dialog.showErrorBox(title, content),
  });

  pendingCalls.ready({
    appInfo: () => ({ name: app.getName(), version: app.getVersion(), platform: process.platform }),
    ...calls,
    contextTarget({ messageId, src }) {
      contextTargets.tell(messageId, src);
      return { ok: true };
    },
    async openExternalLink({ url }) {
      await openExternalLink(shell, url);
      return { ok: true };
    },
  });
  refreshIndicators();
  doNotDisturbTimer.rearm();
  await sessionManager.restore();
}
