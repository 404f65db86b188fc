/**
 * The managed settings file that hospital IT installs next to the app: it presets the
 * server, hides the local sandbox, sets a minimum notification privacy level and turns
 * automatic updates on or off. Users cannot override what it sets. It is only read from
 * places administrators alone can write (`managedPolicySource`).
 *
 * A file that exists but cannot be understood is not ignored: the app then runs under
 * `unreadablePolicy`, the strictest reading, because a typo must not silently turn off
 * what the hospital meant to enforce.
 *
 * A server or update feed that is not https (nor on this computer) is refused for that
 * setting alone, with the reason in the reading's error: the feed is turned off, and the
 * server stays the only one offered, so that no sign-in happens (it is refused as not https)
 * rather than one to any server the user types.
 */
import * as v from 'valibot';
import { quickRepliesSchema } from '../../../preload/contract';
import { languages } from '../../../i18n/languages';
import type { Language } from '../../../i18n/languages';
import type { NotificationPrivacy } from '../notify/notification-policy';
import { httpsOnly, httpsOrLoopback } from '../session/https-rule';
import { serverUrl } from '../session/server-url';

const httpUrl = (what: string) =>
  v.pipe(
    v.string(`${what} must be a string`),
    v.maxLength(500, `${what} is longer than 500 characters`),
    v.url(`${what} must be a URL`),
    v.regex(/^https?:\/\//, `${what} must be an http(s) URL`),
  );

/** A DNS name as a URL's hostname spells it (any case here): labels of letters, digits and inner hyphens. */
const hostName = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** Exported for the IT templates' test (it/): every key here must be settable there. */
export const policySchema = v.strictObject(
  {
    /** The TigerText API base URL every sign-in uses, e.g. `https://tigertext.example.org/v2`. */
    serverUrl: v.optional(httpUrl('serverUrl')),
    /** false hides "Try the local sandbox". */
    offerSandbox: v.optional(v.boolean('offerSandbox must be true or false')),
    minimumNotificationPrivacy: v.optional(
      v.picklist(['full', 'sender', 'count', 'off'], 'minimumNotificationPrivacy must be one of full, sender, count, off'),
    ),
    autoUpdate: v.optional(
      v.variant(
        'enabled',
        [
          v.strictObject({ enabled: v.literal(false) }, 'autoUpdate {"enabled": false} takes no other key'),
          v.strictObject(
            {
              enabled: v.literal(true),
              url: httpUrl('autoUpdate.url'),
              /** Linux only: install updates electron-updater cannot verify (AppImage, deb); without it they are only announced. */
              allowUnverifiedOnLinux: v.optional(v.boolean('autoUpdate.allowUnverifiedOnLinux must be true or false')),
            },
            'autoUpdate {"enabled": true} needs a "url" and takes only "allowUnverifiedOnLinux" besides',
          ),
        ],
        'autoUpdate.enabled must be true or false',
      ),
    ),
    /** true lets a packaged build open Chromium's developer tools (for IT's own troubleshooting). */
    allowDevTools: v.optional(v.boolean('allowDevTools must be true or false')),
    /**
     * The only hosts (exact names, e.g. `cdn.example.org`) pictures are fetched from besides
     * the account's own server; absent: any https host.
     */
    avatarHosts: v.optional(
      v.pipe(
        v.array(
          v.pipe(
            v.string('each of avatarHosts must be a string'),
            v.regex(hostName, 'each of avatarHosts must be a host name alone, such as cdn.example.org (no scheme, port, path or wildcard)'),
            v.toLowerCase(),
          ),
          'avatarHosts must be a list of host names',
        ),
        v.maxLength(100, 'avatarHosts holds more than 100 hosts'),
      ),
    ),
    /** Sets, and locks, whether the conversation list shows the last message's text. */
    showMessagePreviews: v.optional(v.boolean('showMessagePreviews must be true or false')),
    /** The longest time without input before the window locks (minutes); users may choose shorter. Default 10. */
    autoLockMaxMinutes: v.optional(v.pipe(v.number('autoLockMaxMinutes must be a number'), v.integer('autoLockMaxMinutes must be whole minutes'), v.minValue(1, 'autoLockMaxMinutes must be 1 to 1440'), v.maxValue(1440, 'autoLockMaxMinutes must be 1 to 1440'))),
    /** How unread urgent messages alert again: every so many minutes, so many times after the first; whether Do Not Disturb silences them. */
    urgentAlerts: v.optional(
      v.strictObject(
        {
          everyMinutes: v.optional(v.pipe(v.number('urgentAlerts.everyMinutes must be a number'), v.integer('urgentAlerts.everyMinutes must be whole minutes'), v.minValue(1, 'urgentAlerts.everyMinutes must be 1 to 60'), v.maxValue(60, 'urgentAlerts.everyMinutes must be 1 to 60'))),
          repeats: v.optional(v.pipe(v.number('urgentAlerts.repeats must be a number'), v.integer('urgentAlerts.repeats must be a whole number'), v.minValue(0, 'urgentAlerts.repeats must be 0 to 100'), v.maxValue(100, 'urgentAlerts.repeats must be 0 to 100'))),
          doNotDisturbSilences: v.optional(v.boolean('urgentAlerts.doNotDisturbSilences must be true or false')),
        },
        'urgentAlerts takes only everyMinutes, repeats and doNotDisturbSilences',
      ),
    ),
    /**
     * Sets, and locks, the quick replies (the same rules as the user's: at most 10, each 1 to
     * 200 characters, no two alike); an empty list offers none.
     */
    quickReplies: v.optional(quickRepliesSchema),
    /** Sets, and locks, the app's language (en, es or fr); absent: each user's choice, else the OS's. */
    language: v.optional(v.picklist(languages, `language must be one of ${languages.join(', ')}`)),
    /**
     * Where Windows and Linux download the spell checker's dictionaries (Chromium's
     * `<language>-<version>.bdic` files): the hospital's own https server instead of Google's.
     */
    spellCheckDictionaryUrl: v.optional(httpUrl('spellCheckDictionaryUrl')),
  },
  'The managed settings take only serverUrl, offerSandbox, minimumNotificationPrivacy, autoUpdate, allowDevTools, avatarHosts, showMessagePreviews, autoLockMaxMinutes, urgentAlerts, quickReplies, language and spellCheckDictionaryUrl',
);


export interface ManagedPolicy {
  serverUrl?: string;
  offerSandbox?: boolean;
  minimumNotificationPrivacy?: NotificationPrivacy;
  autoUpdate?: { enabled: false } | { enabled: true; url: string; allowUnverifiedOnLinux?: boolean };
  allowDevTools?: boolean;
  avatarHosts?: string[];
  showMessagePreviews?: boolean;
  autoLockMaxMinutes?: number;
  urgentAlerts?: { everyMinutes?: number; repeats?: number; doNotDisturbSilences?: boolean };
  quickReplies?: string[];
  language?: Language;
  /** null: the file named one that was refused, so no dictionary is downloaded from anywhere. */
  spellCheckDictionaryUrl?: string | null;
}

/** Where no file is installed: nothing is managed. */
export const noPolicy: ManagedPolicy = {};

/** A file that exists but is unreadable: the sandbox hidden, at most a count shown, no previews, no updates, pictures only from the account's own server. */
export const unreadablePolicy: ManagedPolicy = {
  offerSandbox: false,
  minimumNotificationPrivacy: 'count',
  showMessagePreviews: false,
  autoUpdate: { enabled: false },
  avatarHosts: [],
};

export type PolicyReading = { ok: true; policy: ManagedPolicy } | { ok: false; policy: ManagedPolicy; error: string };

/** Reads the file's text; `null` text means no file is installed. */
export function readManagedPolicy(text: string | null): PolicyReading {
  if (text === null) return { ok: true, policy: noPolicy };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, policy: unreadablePolicy, error: `The managed settings file is not JSON: ${(error as Error).message}` };
  }
  return readPolicyValue(json, 'The managed settings file');
}

/** Reads settings already parsed (from the file's JSON, or the registry's values); `where` names their source in errors. */
export function readPolicyValue(value: unknown, where: string): PolicyReading {
  const parsed = v.safeParse(policySchema, value);
  if (!parsed.success) {
    return { ok: false, policy: unreadablePolicy, error: `${where} is refused: ${v.summarize(parsed.issues)}` };
  }
  const { policy, refusals } = withoutInsecureServers(parsed.output);
  if (refusals.length > 0) return { ok: false, policy, error: `${where} is refused in part: ${refusals.join('; ')}` };
  return { ok: true, policy };
}

/** The policy with its server read as sign-in reads it, and what the https rule refuses. */
function withoutInsecureServers(parsed: ManagedPolicy): { policy: ManagedPolicy; refusals: string[] } {
  const policy = { ...parsed };
  const refusals: string[] = [];
  if (policy.serverUrl !== undefined) {
    try {
      policy.serverUrl = serverUrl(policy.serverUrl);
    } catch (error) {
      // serverUrl throws only its ServerUrlError, whose message says why.
      refusals.push(`serverUrl ${policy.serverUrl}: ${(error as Error).message}; no sign-in is possible until it names an https server`);
    }
  }
  if (policy.autoUpdate?.enabled === true && !httpsOrLoopback(new URL(policy.autoUpdate.url))) {
    refusals.push(`autoUpdate.url ${policy.autoUpdate.url}: ${httpsOnly}; automatic updates are off`);
    policy.autoUpdate = { enabled: false };
  }
  if (typeof policy.spellCheckDictionaryUrl === 'string' && !httpsOrLoopback(new URL(policy.spellCheckDictionaryUrl))) {
    refusals.push(`spellCheckDictionaryUrl ${policy.spellCheckDictionaryUrl}: dictionaries are downloaded only over https (or from this computer); none is downloaded`);
    policy.spellCheckDictionaryUrl = null;
  }
  return { policy, refusals };
}

/**
 * Where the managed settings live on each OS, in places only administrators can write and no
 * environment variable moves:
 * - Windows: the registry key Group Policy writes, `HKLM\SOFTWARE\Policies\TigerDesk`, read
 *   with reg.exe from the fixed `C:\Windows\System32` (not %SystemRoot%, which whoever starts
 *   the app can set). Not a file under %ProgramData%: any user may create folders there, so
 *   one could install a "managed" file before IT does.
 * - macOS: the managed preferences an MDM profile installs for the domain
 *   `app.tigerdesk.desktop` (`/Library/Managed Preferences/app.tigerdesk.desktop.plist`), or
 *   without one `/Library/Application Support/TigerDesk/managed-settings.json`
 * - Linux and others: `/etc/tigerdesk/managed-settings.json`
 * On macOS and Linux a file is refused unless root owns it and every folder above it.
 */
export type PolicySource =
  | { kind: 'registry'; regExe: string }
  | { kind: 'managed-preferences'; plist: string; path: string }
  | { kind: 'file'; path: string };

export function managedPolicySource(platform: NodeJS.Platform): PolicySource {
  if (platform === 'win32') return { kind: 'registry', regExe: 'C:\\Windows\\System32\\reg.exe' };
  if (platform === 'darwin') {
    return { kind: 'managed-preferences', plist: '/Library/Managed Preferences/app.tigerdesk.desktop.plist', path: '/Library/Application Support/TigerDesk/managed-settings.json' };
  }
  return { kind: 'file', path: '/etc/tigerdesk/managed-settings.json' };
}

/**
 * A configuration profile's own keys (PayloadType, PayloadUUID, ...) may come along into the
 * managed preferences; they are the profile's, not settings, so they are left out before the
 * schema reads the rest.
 */
export function withoutProfileKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('Payload')));
}
