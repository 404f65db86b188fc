/**
 * Why a request never reached the server, read from what the transport threw: Node's (and
 * undici's) error codes in the CLI, Chromium's `net::ERR_…` names under Electron's net.fetch.
 * A hospital's network stops a connection in two ways a person can act on: a TLS-inspecting
 * proxy whose certificate this computer does not trust, and a proxy that refuses or is not
 * there. Both are named, in words, so that the sign-in screen, the connection banner and the
 * logs say what IT must fix rather than "offline". Only codes and a status number are read,
 * never the message's text otherwise: it could quote the URL, a header or a credential.
 */

import { englishText } from '../../../i18n/english';
import { userText } from '../../../i18n/user-text';
import type { UserText } from '../../../i18n/user-text';

export type TransportCauseKind = 'certificate' | 'proxy';

export interface TransportCause {
  kind: TransportCauseKind;
  /** The code as the transport named it, e.g. SELF_SIGNED_CERT_IN_CHAIN or ERR_CERT_AUTHORITY_INVALID. */
  code: string;
  /** What went wrong and what to do, for the person who sees it: in English (the log, the CLI, an ApiError's detail)… */
  text: string;
  /** …and for the window, which words it in the user's language. */
  said: UserText;
}

export interface TransportFailure {
  /** A system or Chromium network code (ECONNREFUSED, ERR_CONNECTION_REFUSED), when there is one. */
  code?: string;
  cause?: TransportCause;
}

type Why = 'unknown_authority' | 'self_signed_chain' | 'self_signed' | 'not_trusted' | 'bad_signature' | 'untrusted_authority';

function untrusted(why: Why): UserText {
  return userText('connection.certificate-untrusted', { why });
}

const otherName = userText('connection.certificate-other-name');
const outOfDate = userText('connection.certificate-out-of-date');
const revoked = userText('connection.certificate-revoked');

/** Node's TLS codes (OpenSSL's verification results), as Node's fetch and undici report them. */
const nodeCertificateTexts: Readonly<Record<string, UserText>> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: untrusted('unknown_authority'),
  UNABLE_TO_GET_ISSUER_CERT: untrusted('unknown_authority'),
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: untrusted('unknown_authority'),
  SELF_SIGNED_CERT_IN_CHAIN: untrusted('self_signed_chain'),
  DEPTH_ZERO_SELF_SIGNED_CERT: untrusted('self_signed'),
  CERT_UNTRUSTED: untrusted('not_trusted'),
  CERT_SIGNATURE_FAILURE: untrusted('bad_signature'),
  CERT_REVOKED: revoked,
  CERT_HAS_EXPIRED: outOfDate,
  CERT_NOT_YET_VALID: outOfDate,
  ERR_TLS_CERT_ALTNAME_INVALID: otherName,
};

/** Chromium's certificate errors, as Electron's net.fetch reports them (`net::ERR_CERT_…`). */
const chromiumCertificateTexts: Readonly<Record<string, UserText>> = {
  ERR_CERT_AUTHORITY_INVALID: untrusted('untrusted_authority'),
  ERR_CERT_DATE_INVALID: outOfDate,
  ERR_CERT_COMMON_NAME_INVALID: otherName,
  ERR_CERT_REVOKED: revoked,
};

const proxyAsksSignIn = userText('connection.proxy-sign-in');
const proxySettingsUnusable = userText('connection.proxy-settings-unusable');

const chromiumProxyTexts: Readonly<Record<string, UserText>> = {
  ERR_PROXY_CONNECTION_FAILED: userText('connection.proxy-unreachable'),
  ERR_TUNNEL_CONNECTION_FAILED: userText('connection.proxy-tunnel-refused'),
  ERR_PROXY_AUTH_REQUESTED: proxyAsksSignIn,
  ERR_PROXY_AUTH_UNSUPPORTED: userText('connection.proxy-sign-in-unsupported'),
  ERR_PROXY_CERTIFICATE_INVALID: userText('connection.proxy-certificate-untrusted'),
  ERR_MANDATORY_PROXY_CONFIGURATION_FAILED: proxySettingsUnusable,
  ERR_PAC_SCRIPT_FAILED: proxySettingsUnusable,
};

function named(kind: TransportCauseKind, code: string, said: UserText): TransportCause {
  return { kind, code, text: englishText(said), said };
}

/** undici's ProxyAgent ends a tunnel the proxy refused with this message; only its status is read. */
const undiciTunnelRefused = /^Proxy response \((\d{3})\) !== 200 when HTTP Tunneling$/;

/** Chromium's error, as the whole message of Electron's net errors: `net::ERR_CERT_AUTHORITY_INVALID`. */
const chromiumError = /^net::(ERR_[A-Z0-9_]+)$/;

/** The error and its causes, a few deep: fetch wraps the socket's error in a TypeError. */
function* chain(error: unknown): Generator<object> {
  for (let current: unknown = error, hops = 0; typeof current === 'object' && current !== null && hops < 4; hops += 1) {
    yield current;
    current = (current as { cause?: unknown }).cause;
  }
}

export function readTransportFailure(error: unknown): TransportFailure {
  let code: string | undefined;
  for (const link of chain(error)) {
    const found = causeOf(link);
    if (found !== undefined) return { code: found.code, cause: found };
    code ??= codeOf(link);
  }
  return code === undefined ? {} : { code };
}

function codeOf(link: object): string | undefined {
  const code = (link as { code?: unknown }).code;
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code)) return code;
  const message = (link as { message?: unknown }).message;
  return typeof message === 'string' ? chromiumError.exec(message)?.[1] : undefined;
}

function causeOf(link: object): TransportCause | undefined {
  const code = codeOf(link);
  if (code !== undefined) {
    const certificate = nodeCertificateTexts[code] ?? chromiumCertificateTexts[code];
    if (certificate !== undefined) return named('certificate', code, certificate);
    // Chromium's other certificate errors (weak key, invalid, name constraints…): named by their code.
    if (code.startsWith('ERR_CERT_')) return named('certificate', code, userText('connection.certificate-refused', { code }));
    const proxy = chromiumProxyTexts[code];
    if (proxy !== undefined) return named('proxy', code, proxy);
  }
  const message = (link as { message?: unknown }).message;
  const status = typeof message === 'string' ? undiciTunnelRefused.exec(message)?.[1] : undefined;
  if (status === undefined) return undefined;
  return named('proxy', `PROXY_${status}`, status === '407' ? proxyAsksSignIn : userText('connection.proxy-refused', { status: Number(status) }));
}
