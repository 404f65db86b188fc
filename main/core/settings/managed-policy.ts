/**
 * The managed settings file that hospital IT installs next to the app: it presets the
 * server, hides the local sandbox, sets a minimum notification privacy level and turns
 * automatic updates on or off. Users cannot override what it sets. The file is only
 * writable by administrators in the locations `managedPolicyPath` names.
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
import path from 'node:path';
import * as v from 'valibot';
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

const policySchema = v.strictObject(
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
          v.strictObject({ enabled: v.literal(true), url: httpUrl('autoUpdate.url') }, 'autoUpdate {"enabled": true} needs exactly a "url"'),
        ],
        'autoUpdate.enabled must be true or false',
      ),
    ),
    /** true lets a packaged build open Chromium's developer tools (for IT's own troubleshooting). */
    allowDevTools: v.optional(v.boolean('allowDevTools must be true or false')),
    /** Sets, and locks, whether the conversation list shows the last message's text. */
    showMessagePreviews: v.optional(v.boolean('showMessagePreviews must be true or false')),
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
  },
  'The managed settings take only serverUrl, offerSandbox, minimumNotificationPrivacy, autoUpdate, allowDevTools, showMessagePreviews and urgentAlerts',
);

export interface ManagedPolicy {
  serverUrl?: string;
  offerSandbox?: boolean;
  minimumNotificationPrivacy?: NotificationPrivacy;
  autoUpdate?: { enabled: false } | { enabled: true; url: string };
  allowDevTools?: boolean;
  showMessagePreviews?: boolean;
  urgentAlerts?: { everyMinutes?: number; repeats?: number; doNotDisturbSilences?: boolean };
}

/** Where no file is installed: nothing is managed. */
export const noPolicy: ManagedPolicy = {};

/** A file that exists but is unreadable: the sandbox hidden, at most a count shown, no previews, no updates. */
export const unreadablePolicy: ManagedPolicy = {
  offerSandbox: false,
  minimumNotificationPrivacy: 'count',
  showMessagePreviews: false,
  autoUpdate: { enabled: false },
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
  const parsed = v.safeParse(policySchema, json);
  if (!parsed.success) {
    return { ok: false, policy: unreadablePolicy, error: `The managed settings file is refused: ${v.summarize(parsed.issues)}` };
  }
  const { policy, refusals } = withoutInsecureServers(parsed.output);
  if (refusals.length > 0) return { ok: false, policy, error: `The managed settings file is refused in part: ${refusals.join('; ')}` };
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
  return { policy, refusals };
}

/**
 * The documented location per OS, writable only by administrators:
 * - Windows: `%ProgramData%\TigerDesk\managed-settings.json`
 * - macOS: `/Library/Application Support/TigerDesk/managed-settings.json`
 * - Linux and others: `/etc/tigerdesk/managed-settings.json`
 */
export function managedPolicyPath(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): string {
  if (platform === 'win32') {
    return path.win32.join(env['ProgramData'] ?? 'C:\\ProgramData', 'TigerDesk', 'managed-settings.json');
  }
  if (platform === 'darwin') return '/Library/Application Support/TigerDesk/managed-settings.json';
  return '/etc/tigerdesk/managed-settings.json';
}
