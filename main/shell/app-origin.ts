// The app's own origin. The renderer is served from tigerdesk://app/, a scheme of the app's
// own, instead of file://: a file: page shares its origin with every file on the disk (and,
// with the GrantFileProtocolExtraPrivileges fuse off, gets no more than a browser gives it),
// while this origin holds only the built renderer (renderer-protocol.ts serves it).
import type { CustomScheme, Protocol } from 'electron';

export const appScheme = 'tigerdesk';
export const appHost = 'app';
export const appOrigin = `${appScheme}://${appHost}`;
/** The app's page: the window loads it, and only its main frame may call main (ipc-calls.ts). */
export const appPageUrl = `${appOrigin}/index.html`;

/**
 * standard: a real origin (host, relative URLs, storage), so the page's module script and
 * styles load from beside it; secure: a secure context, as https: is. Nothing more: no
 * bypassCSP, no fetch or CORS privileges (the page fetches nothing: connect-src 'none').
 */
export const appSchemePrivileges: CustomScheme = { scheme: appScheme, privileges: { standard: true, secure: true } };

/** Must run before the app is ready (Electron refuses it after). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
}

/** Whether a URL is at the app's origin (any page or file of it). */
export function isAppOrigin(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** Separators or a NUL written as escapes: a file name never holds them, a traversal attempt does. */
const escapedSeparator = /%(2f|5c|00)/i;

/**
 * The file a request asks for, as path segments inside the renderer folder, or null when the
 * URL is not one of the app's files: another origin, an escaped separator or NUL, a `.` or
 * `..` segment however written, an empty segment or an undecodable escape. `/` is the page.
 */
export function rendererPathOf(url: string): string[] | null {
  if (!isAppOrigin(url)) return null;
  const { pathname } = new URL(url);
  if (escapedSeparator.test(pathname) || pathname.includes('\\')) return null;
  if (pathname === '/') return ['index.html'];
  const segments: string[] = [];
  for (const raw of pathname.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '' || segment === '.' || segment === '..' || segment.includes('\0')) return null;
    segments.push(segment);
  }
  return segments;
}
