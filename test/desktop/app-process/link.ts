// Requests and answers over one Node IPC channel, the same on both ends: each request gets an
// id and is answered once; notices need no answer.
import type { Answer, ChildRequest, Message, Notice, ParentRequest, Request } from './messages';

export interface Link {
  request(message: ChildRequest | ParentRequest): Promise<unknown>;
  notify(message: Notice): void;
  /** Hand every message the channel receives here. */
  receive(message: Message): void;
  /** Fails what is still waiting: the other end is gone. */
  close(reason: string): void;
}

export function createLink(send: (message: Message) => void, answer: (request: Request) => Promise<unknown>, notice: (message: Notice) => void): Link {
  let nextId = 1;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  return {
    request(message) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        send({ ...message, id });
      });
    },
    notify: send,
    receive(message) {
      if (message.kind === 'answer') {
        const pending = waiting.get(message.id);
        waiting.delete(message.id);
        if (message.error !== undefined) pending?.reject(new Error(message.error));
        else pending?.resolve(message.value);
        return;
      }
      if (message.kind === 'log' || message.kind === 'started') {
        notice(message);
        return;
      }
      const request = message;
      answer(request).then(
        (value) => send({ kind: 'answer', id: request.id, value } satisfies Answer),
        (error: unknown) => send({ kind: 'answer', id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies Answer),
      );
    },
    close(reason) {
      for (const pending of waiting.values()) pending.reject(new Error(reason));
      waiting.clear();
    },
  };
}
