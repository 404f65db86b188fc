/**
 * "Only https leaves the machine": credentials (and the code an update installs) travel only
 * over https, except to a server on this computer (the sandbox), where there is no wire to
 * listen on. Pure, so every place that names a server applies the same rule.
 */

import { englishText } from '../../../i18n/english';
import { userText } from '../../../i18n/user-text';
import type { UserText } from '../../../i18n/user-text';

/** Why an address is refused, worded for the person who typed it or the IT who set it. */
export const httpsOnlySaid: UserText = userText('session.https-only');
export const httpsOnly = englishText(httpsOnlySaid);

/** 127.0.0.0/8, `localhost` and `[::1]`, as the WHATWG URL parser spells a host (`127.1` reads as 127.0.0.1). */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Whether what is sent to `url` stays private: https anywhere, http only on this computer. */
export function httpsOrLoopback(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}
