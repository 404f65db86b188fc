// Registers one ipcMain handler per contract call, each answered through answerCall: validated
// against the contract's schema before the handler runs, and only for the app's own page: a
// call from another frame (an iframe, a page navigated elsewhere, another window) is refused.
import { userText } from '../../i18n/user-text';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { callChannel, callNames } from '../../preload/contract';
import type { CallName, CallReply } from '../../preload/contract';
import { answerCall } from '../window-api/answer-call';
import type { CallHandler, CallHandlers, CallLog } from '../window-api/answer-call';

/** Who may call: the window's main frame, showing the app's own page. */
export interface AppPage {
  contents: unknown;
  /** The app's page as the window loaded it (appPageUrl). */
  url: string;
}

export type CallerEvent = Pick<IpcMainInvokeEvent, 'sender'> & { readonly senderFrame: { readonly url: string; readonly parent: unknown } | null };

export function isAppPage(event: CallerEvent, page: AppPage): boolean {
  const frame = event.senderFrame;
  if (event.sender !== page.contents || frame === null || frame.parent !== null) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  // The page's own fragment or query does not make it another page.
  url.hash = '';
  url.search = '';
  return url.href === page.url;
}

/** Registers the handlers given; a call with no handler is answered by Electron's own error. */
export function registerCalls(ipcMain: Pick<IpcMain, 'handle'>, handlers: Partial<CallHandlers>, log: CallLog, page: AppPage): void {
  for (const name of Object.keys(handlers) as CallName[]) {
    const handler = handlers[name] as CallHandler<typeof name>;
    ipcMain.handle(callChannel(name), (event, input: unknown): Promise<CallReply<typeof name>> | CallReply<typeof name> => {
      if (!isAppPage(event, page)) {
        log.warn('refused a call from outside the app page', { call: name });
        return { ok: false, error: { code: 'invalid-call', text: userText('error.outside-window') } };
      }
      return answerCall(name, input, handler, log);
    });
  }
}

/** The calls registered by registerCallsOnceReady, waiting for the app's handlers. */
export interface PendingCalls {
  /** Each call, waiting or to come, is answered by these. */
  ready(handlers: CallHandlers): void;
  /** The app could not start: each call, waiting or to come, fails with this. */
  failed(error: unknown): void;
}

/**
 * Registers every call of the contract at once, each answered once the app gives its handlers
 * (`ready`): the window's page loads while the app still starts (the keychain asked, the account
 * opened), and its first calls wait for their answer rather than find no handler.
 */
export function registerCallsOnceReady(ipcMain: Pick<IpcMain, 'handle'>, log: CallLog, page: AppPage): PendingCalls {
  let ready: (handlers: CallHandlers) => void = () => undefined;
  let failed: (error: unknown) => void = () => undefined;
  const handlers = new Promise<CallHandlers>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });
  // A start that failed with no call waiting has been reported by the app already.
  handlers.catch(() => undefined);
  const waiting: Partial<Record<CallName, CallHandler<CallName>>> = {};
  for (const name of callNames) {
    waiting[name] = async (input) => ((await handlers)[name] as CallHandler<CallName>)(input);
  }
  registerCalls(ipcMain, waiting as Partial<CallHandlers>, log, page);
  return { ready, failed };
}
