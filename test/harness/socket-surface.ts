// A stand-in window's page in a person's own browser tab: the harness served the page (the
// built renderer with the page script), and its calls and events travel over the tab's
// WebSocket. Calls that arrive before the app has made its window wait for it, as a page's
// first calls in Electron come after the window that loads it exists.
import type { WebSocket } from 'ws';
import type { Logger } from '../../main/core/log/logger';
import type { PageFrame } from '../desktop/stand-in-ipc';
import type { OpenSurface, PageSurface, SurfaceOwner } from '../desktop/stand-in-window';
import { encodeFrame, parseFrame, readInvokeFrame, WireError } from './wire';
import type { InvokeFrame } from './wire';

export class SocketSurface implements PageSurface {
  private window: SurfaceOwner | null = null;
  /** The tab is the window's main frame, showing the app's page. */
  private frame: PageFrame = { url: '', top: true };
  private waiting: InvokeFrame[] = [];

  constructor(
    private readonly socket: WebSocket,
    private readonly log: Pick<Logger, 'warn'>,
  ) {
    socket.on('message', (data, isBinary) => {
      let frame: InvokeFrame;
      try {
        if (isBinary) throw new WireError('The frame is binary');
        frame = readInvokeFrame(parseFrame(data.toString()));
      } catch (error) {
        this.log.warn('refused a harness frame', { reason: error instanceof WireError ? error.message : 'unreadable' });
        return;
      }
      if (this.window === null) this.waiting.push(frame);
      else this.answer(this.window, frame);
    });
  }

  /** The window the app makes gets this tab; its handlers are registered in the same turn. */
  readonly open: OpenSurface = async ({ window, url }) => {
    this.window = window;
    // The tab shows the page the app loaded: the harness served it (the app's handler is not asked).
    this.frame = { url, top: true };
    setImmediate(() => {
      for (const frame of this.waiting.splice(0)) this.answer(window, frame);
    });
    return this;
  };

  async deliver(batch: string): Promise<void> {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(encodeFrame({ kind: 'deliver', batch }));
  }

  async close(): Promise<void> {
    this.socket.close();
  }

  private answer(window: SurfaceOwner, frame: InvokeFrame): void {
    void window.invokeFromPage(frame.channel, frame.args, this.frame).then((reply) => {
      if (this.socket.readyState === this.socket.OPEN) this.socket.send(encodeFrame({ kind: 'reply', id: frame.id, reply }));
    });
  }
}
