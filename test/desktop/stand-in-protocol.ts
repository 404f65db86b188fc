// Electron's `protocol` for the desktop stand-in, as strict as Electron's: schemes are made
// privileged only before ready and handled only after, a scheme is handled once, and what the
// handler answers is what the page gets. Stock Chromium cannot register a scheme of its own,
// so a page at `scheme://host/…` lives at the stand-in origin `https://host.scheme.scheme.invalid/…`
// (`.invalid` never resolves: a request the stand-in does not answer goes nowhere), whose
// requests the surface answers by calling the handler with the scheme URL, and whose frame URLs
// it reports in scheme form. This mapping is the one place the stand-in differs (README.md).
import type { CustomScheme } from 'electron';

/** A page's request as it reaches the handler, and its answer: plain data, to cross processes. */
export interface SchemeRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Uint8Array | null;
}

export interface SchemeResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

type SchemeHandler = (request: Request) => Response | Promise<Response>;

const standInSuffix = '.scheme.invalid';
/** A scheme that can be a host label (Electron allows `+` and `.` too: the stand-in refuses those plainly). */
const mappableScheme = /^[a-z][a-z0-9-]*$/;

/** Where Chromium loads a page of a custom scheme: its stand-in origin's URL; file: and http(s): URLs are themselves. */
export function standInUrlOf(url: string): string {
  const parsed = new URL(url);
  const scheme = parsed.protocol.slice(0, -1);
  if (scheme === 'file' || scheme === 'http' || scheme === 'https') return url;
  const port = parsed.port === '' ? '' : `:${parsed.port}`;
  return `https://${parsed.hostname}.${scheme}${standInSuffix}${port}${parsed.pathname}${parsed.search}${parsed.hash}`;
}

/** The scheme URL a stand-in origin's URL stands for; any other URL is itself. */
export function schemeUrlOf(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.protocol !== 'https:' || !parsed.hostname.endsWith(standInSuffix)) return url;
  const name = parsed.hostname.slice(0, -standInSuffix.length);
  const dot = name.lastIndexOf('.');
  const port = parsed.port === '' ? '' : `:${parsed.port}`;
  return `${name.slice(dot + 1)}://${name.slice(0, dot)}${port}${parsed.pathname}${parsed.search}${parsed.hash}`;
}

/** An Origin or Referer header the page sent from a stand-in origin, as Electron's handler would see it. */
function inSchemeForm(name: string, value: string): string {
  if (name !== 'origin' && name !== 'referer') return value;
  const url = schemeUrlOf(value);
  return name === 'origin' && url !== value ? url.replace(/\/$/, '') : url;
}

export class StandInProtocol {
  private readonly privileged = new Map<string, NonNullable<CustomScheme['privileges']>>();
  private readonly handlers = new Map<string, SchemeHandler>();

  constructor(private readonly isReady: () => boolean) {}

  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    if (this.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    for (const { scheme, privileges } of schemes) this.privileged.set(scheme, privileges ?? {});
  }

  handle(scheme: string, handler: SchemeHandler): void {
    if (!this.isReady()) throw new Error("The 'protocol' module can't be used before the app 'ready' event");
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  }

  /** The schemes a page may be loaded from in the stand-in; throws as Electron's loadURL rejects, or where the stand-in cannot map. */
  checkLoadable(url: string): void {
    const scheme = new URL(url).protocol.slice(0, -1);
    if (scheme === 'file') return;
    if (!this.handlers.has(scheme)) throw new Error(`ERR_UNKNOWN_URL_SCHEME (-302) loading '${url}'`);
    const privileges = this.privileged.get(scheme);
    if (privileges?.standard !== true || privileges.secure !== true || !mappableScheme.test(scheme)) {
      throw new Error(`The desktop stand-in loads pages only from standard, secure schemes named [a-z0-9-]: '${scheme}' is not one`);
    }
  }

  /** A page's request to a handled scheme: the handler's Response, read whole. */
  async fetch(request: SchemeRequest): Promise<SchemeResponse> {
    const scheme = new URL(request.url).protocol.slice(0, -1);
    const handler = this.handlers.get(scheme);
    if (handler === undefined) throw new Error(`ERR_UNKNOWN_URL_SCHEME (-302) loading '${request.url}'`);
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, inSchemeForm(name, value)]));
    const response = await handler(new Request(request.url, { method: request.method, headers, ...(request.body === null ? {} : { body: new Blob([new Uint8Array(request.body)]) }) }));
    return { status: response.status, headers: Object.fromEntries(response.headers), body: new Uint8Array(await response.arrayBuffer()) };
  }
}
