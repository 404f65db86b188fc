// Pushes contract events to the renderer, typed by the contract.
import type { WebContents } from 'electron';
import { eventChannel } from '../../preload/contract';
import type { EventName, EventPayload } from '../../preload/contract';

export function sendEvent<E extends EventName>(
  contents: Pick<WebContents, 'send' | 'isDestroyed'>,
  event: E,
  payload: EventPayload<E>,
): void {
  if (!contents.isDestroyed()) contents.send(eventChannel(event), payload);
}
