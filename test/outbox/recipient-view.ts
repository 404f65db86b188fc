/**
 * What a recipient's stream replays of one sender's messages: every message event, in
 * stream order, duplicates and all (a second server copy of a send would show here).
 */
import type { Message } from '../../main/core/api';
import { senderClientIdOf } from '../../main/core/sync/message-mapping';
import type { TestPerson } from '../sandbox/support/people';
import { replayed } from '../sandbox/support/stream';

export interface ReceivedMessage {
  token: string;
  body: string;
  clientId: string | null;
}

/** Connects the recipient's stream, reads the whole replay of what it has not acknowledged, and closes it. */
export async function readRecipient(person: TestPerson, from: string): Promise<ReceivedMessage[]> {
  const reader = await person.connect();
  try {
    await reader.replayDone(15_000);
    return replayed(reader.events)
      .filter((event) => event.name === 'message' && event.payload.sender_token === from)
      .map((event) => ({
        token: String(event.payload.message_id),
        body: String(event.payload.body),
        clientId: senderClientIdOf(event.payload as unknown as Message, person.token),
      }));
  } finally {
    reader.close();
  }
}
