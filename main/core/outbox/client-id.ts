/**
 * Our own id for a message we send, carried in its `data` so that every copy the server
 * hands back (the echo, a replay, a second copy after a resend) is recognised as the one
 * message the user wrote, and sent as its `Request-ID` so that the server stores it once
 * however often it is sent. A forward's job has an id of its own for its `Request-ID`.
 */
import { randomUUID } from 'node:crypto';
import type { DataElement } from '../api/types';
import { CLIENT_ID_NAMESPACE } from '../sync/message-mapping';

export function newClientId(): string {
  return randomUUID();
}

export function clientIdElement(clientId: string): DataElement {
  return { namespace: CLIENT_ID_NAMESPACE, mimetype: 'text/plain', payload: clientId };
}

