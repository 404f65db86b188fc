// What the app's process (child.ts) and the test's process (parent.ts) say to each other over
// Node's IPC channel (advanced serialization: structured clones). Each request carries an id,
// answered once by an `answer` with the same id.
import type { AppStart } from '../../../main/app';
import type { LogRecord } from '../../../main/core/log/logger';
import type { PageFrame } from '../stand-in-ipc';
import type { SchemeRequest } from '../stand-in-protocol';

/** The child asks: its windows' pages live in the test's Chromium. */
export type ChildRequest =
  | { kind: 'open-surface'; windowId: number; url: string; loadUrl: string; preload: string | null; width: number; height: number }
  | { kind: 'deliver'; windowId: number; batch: string }
  | { kind: 'close-surface'; windowId: number };

/** The parent asks: a page's calls and navigations, and what a person does to the desktop. */
export type ParentRequest =
  | { kind: 'invoke'; windowId: number; channel: string; args: string; frame: PageFrame }
  | { kind: 'navigate'; windowId: number; url: string }
  | { kind: 'open-requested'; windowId: number; url: string }
  /** The page asked its app's scheme for something: the app's handler answers. */
  | { kind: 'scheme-request'; windowId: number; request: SchemeRequest }
  | { kind: 'control'; action: DesktopAction };

export type DesktopAction =
  | { kind: 'state' }
  | { kind: 'click-notification'; index: number }
  /** The person sends `text` from the notification's reply field (macOS, Windows). */
  | { kind: 'reply-to-notification'; index: number; text: string }
  /** The person presses the notification's button at `button` (macOS, Windows). */
  | { kind: 'press-notification-button'; index: number; button: number }
  | { kind: 'pick-tray-item'; label: string }
  | { kind: 'window'; index: number; gesture: 'close' | 'focus' | 'blur' | 'hide' | 'show' }
  | { kind: 'power'; event: 'resume' | 'unlock-screen' | 'suspend' | 'lock-screen' }
  | { kind: 'advance-clock'; ms: number }
  | { kind: 'request-permission'; permission: string; details: Record<string, unknown> }
  | { kind: 'quit' }
  | { kind: 'usage' }
  /** A full garbage collection (the process runs with --expose-gc), then the usage after it. */
  | { kind: 'gc' }
  /** Counts the process's wakeups afresh from now (launched with `watchWakeups`). */
  | { kind: 'watch-wakeups' }
  /** The wakeups counted since `watch-wakeups`: a WakeupReport (wakeups.ts). */
  | { kind: 'wakeups' }
  /**
   * Forgets what the desktop recorded so far that the app no longer holds (closed notifications,
   * network requests, badge counts), so that a long session's memory is the app's and not the
   * recorders'. Notification indexes count from what is left.
   */
  | { kind: 'forget-records' };

export interface DesktopState {
  /** `url`: the page the app loaded, as Electron names it. */
  /** `contentProtected`: kept out of screen capture and thumbnails (while locked). */
  windows: { visible: boolean; focused: boolean; destroyed: boolean; url: string | null; contentProtected: boolean }[];
  /** `hasReply` and `buttons`: the reply field and the buttons' labels it was made with. */
  notifications: { title: string; body: string; shown: boolean; closed: boolean; hasReply: boolean; buttons: string[] }[];
  trays: { tooltip: string; destroyed: boolean; items: string[] }[];
  errorBoxes: { title: string; content: string }[];
  externalLinks: string[];
  /** Files handed to shell.openPath ("open with" another app). */
  openedPaths: string[];
  badgeCounts: number[];
  utilityPids: number[];
  userData: string;
  /** The requests made through the stand-in's net.fetch (Electron's network stack). */
  netFetches: { method: string; url: string }[];
  /** Calls of Node's own fetch in the app's process: the app must make none (see child.ts). */
  nodeFetches: number;
}

export interface ProcessUsage {
  /** CPU time of the app's process since it started, user and system, in ms. */
  cpuMs: number;
  rssBytes: number;
  heapUsedBytes: number;
}

export type Request = { id: number } & (ChildRequest | ParentRequest);
export type Answer = { kind: 'answer'; id: number; value?: unknown; error?: string };
/** When the app's process called startApp, and how long loading the module that exports it took. */
export interface StartTiming {
  loadMs: number;
  /** performance.timeOrigin + performance.now(): comparable with a page's own on this machine. */
  calledAt: number;
}

/** `errorBoxes`: the native error dialogs shown by then (a failed start-up's reason). */
export type Notice = { kind: 'log'; record: LogRecord } | { kind: 'started'; started: AppStart; errorBoxes: { title: string; content: string }[]; timing: StartTiming };
export type Message = Request | Answer | Notice;
