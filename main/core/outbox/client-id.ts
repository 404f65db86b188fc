/**
 * Our own id for a message we send, carried in its `data` so that every copy the server
 * hands back (the echo, a replay, a second copy after a resend) is recognised as the one
 * message the user wrote.
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

