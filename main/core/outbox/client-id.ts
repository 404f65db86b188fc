/**
 * Our own id for a message we send, carried in its `data` so that every copy the server
 * hands back (the echo, a replay, a second copy after a resend) is recognised as the one
 * message the user wrote.
 */
import { randomUUID } from 'node:crypto';
import type { DataElement } from '../api/types';
import { CLIENT_ID_NAMESPACE } from '../sync/message-mapping';

export const clientIdNamespace = CLIENT_ID_NAMESPACE;

export function newClientId(): string {
  return randomUUID();
}

export function clientIdElement(clientId: string): DataElement {
  return { namespace: clientIdNamespace, mimetype: 'text/plain', payload: clientId };
}

/** The client id a message's `data` carries, or null. */
export function clientIdOf(data: readonly DataElement[] | undefined): string | null {
  const element = data?.find((datum) => datum.namespace === clientIdNamespace);
  return element && element.payload !== '' ? element.payload : null;
}
