/**
 * Why a request never reached the server, read from what the transport threw: Node's (and
 * undici's) error codes in the CLI, Chromium's `net::ERR_…` names under Electron's net.fetch.
 * A hospital's network stops a connection in two ways a person can act on: a TLS-inspecting
 * proxy whose certificate this computer does not trust, and a proxy that refuses or is not
 * there. Both are named, in words, so that the sign-in screen, the connection banner and the
 * logs say what IT must fix rather than "offline". Only codes and a status number are read,
 * never the message's text otherwise: it could quote the URL, a header or a credential.
 */

export type TransportCauseKind = 'certificate' | 'proxy';

export interface TransportCause {
  kind: TransportCauseKind;
  /** The code as the transport named it, e.g. SELF_SIGNED_CERT_IN_CHAIN or ERR_CERT_AUTHORITY_INVALID. */
  code: string;
  /** What went wrong and what to do, for the person who sees it. */
  text: string;
}

export interface TransportFailure {
  /** A system or Chromium network code (ECONNREFUSED, ERR_CONNECTION_REFUSED), when there is one. */
  code?: string;
  cause?: TransportCause;
}

const inspectingProxyHint = 'if your hospital inspects secure traffic, IT must install its certificate';

function untrusted(why: string): string {
  return `the server's certificate is not trusted by this computer (${why}): ${inspectingProxyHint}`;
}

const otherName = "the server's certificate is for another name than the server's address: check the address, or ask IT whether a proxy replaces certificates";
const outOfDate = "the server's certificate has expired or is not yet valid: check this computer's date and time, or ask the server's IT";

/** Node's TLS codes (OpenSSL's verification results), as Node's fetch and undici report them. */
const nodeCertificateTexts: Readonly<Record<string, string>> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: untrusted('issued by an unknown authority'),
  UNABLE_TO_GET_ISSUER_CERT: untrusted('issued by an unknown authority'),
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: untrusted('issued by an unknown authority'),
  SELF_SIGNED_CERT_IN_CHAIN: untrusted('self-signed certificate in chain'),
  DEPTH_ZERO_SELF_SIGNED_CERT: untrusted('self-signed certificate'),
  CERT_UNTRUSTED: untrusted('not trusted for this purpose'),
  CERT_SIGNATURE_FAILURE: untrusted('its signature does not verify'),
  CERT_REVOKED: "the server's certificate has been revoked: ask the server's IT",
  CERT_HAS_EXPIRED: outOfDate,
  CERT_NOT_YET_VALID: outOfDate,
  ERR_TLS_CERT_ALTNAME_INVALID: otherName,
};

/** Chromium's certificate errors, as Electron's net.fetch reports them (`net::ERR_CERT_…`). */
const chromiumCertificateTexts: Readonly<Record<string, string>> = {
  ERR_CERT_AUTHORITY_INVALID: untrusted('issued by an authority this computer does not trust'),
  ERR_CERT_DATE_INVALID: outOfDate,
  ERR_CERT_COMMON_NAME_INVALID: otherName,
  ERR_CERT_REVOKED: "the server's certificate has been revoked: ask the server's IT",
};

const proxyAsksSignIn = 'the proxy refused the connection (HTTP 407: the proxy asks for a sign-in): ask IT for the proxy settings';

const chromiumProxyTexts: Readonly<Record<string, string>> = {
  ERR_PROXY_CONNECTION_FAILED: 'the proxy could not be reached: check the proxy settings or ask IT',
  ERR_TUNNEL_CONNECTION_FAILED: 'the proxy refused the connection to the server: ask IT whether this server is allowed',
  ERR_PROXY_AUTH_REQUESTED: proxyAsksSignIn,
  ERR_PROXY_AUTH_UNSUPPORTED: 'the proxy asks for a kind of sign-in this computer cannot give: ask IT for the proxy settings',
  ERR_PROXY_CERTIFICATE_INVALID: `the proxy's certificate is not trusted by this computer: ${inspectingProxyHint}`,
  ERR_MANDATORY_PROXY_CONFIGURATION_FAILED: 'the proxy settings (PAC file) could not be used: ask IT',
  ERR_PAC_SCRIPT_FAILED: 'the proxy settings (PAC file) could not be used: ask IT',
};

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
    if (certificate !== undefined) return { kind: 'certificate', code, text: certificate };
    // Chromium's other certificate errors (weak key, invalid, name constraints…): named by their code.
    if (code.startsWith('ERR_CERT_')) return { kind: 'certificate', code, text: `the server's certificate was refused (${code}): ask IT` };
    const proxy = chromiumProxyTexts[code];
    if (proxy !== undefined) return { kind: 'proxy', code, text: proxy };
  }
  const message = (link as { message?: unknown }).message;
  const status = typeof message === 'string' ? undiciTunnelRefused.exec(message)?.[1] : undefined;
  if (status === undefined) return undefined;
  return { kind: 'proxy', code: `PROXY_${status}`, text: status === '407' ? proxyAsksSignIn : `the proxy refused the connection to the server (HTTP ${status}): ask IT whether this server is allowed` };
}
