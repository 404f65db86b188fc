/**
 * What an organization's settings (API.md, "Organizations") ask of this app, read from the
 * server's strings. The SDKs expose `autologout_time` and `pin_lock` but enforce neither:
 * this client does. Pure. A value that cannot be read counts as not sent: its default holds,
 * and where no default is documented the choice that keeps the most protection is taken
 * (an unreadable auto-lock time is the documented 1440 minutes, never "no lock").
 */
import type { MessageKey } from '../../../i18n/user-text';
import type { OrganizationPolicy } from '../../../preload/contract';

/** API.md: `autologout_time` minutes, default 1440. */
const defaultAutoLockMinutes = 1440;

export function organizationPolicyOf(settings: Readonly<Record<string, string>>): OrganizationPolicy {
  return {
    // `ttl` -1 (the default) or anything not a positive whole number: never expires.
    defaultTtlMinutes: wholeMinutesOf(settings['ttl']),
    deleteOnRead: flagOf(settings['dor'], false),
    priorityAllowed: flagOf(settings['priority_messaging'], true),
    forwardAllowed: flagOf(settings['forward'], true),
    settingsRestricted: flagOf(settings['settings_restricted'], false),
    autoLockMinutes: wholeMinutesOf(settings['autologout_time']) ?? defaultAutoLockMinutes,
    pinLock: flagOf(settings['pin_lock'], false),
  };
}

/**
 * The strictest auto-lock time among the user's organizations (the shortest; null: none
 * known): one lock guards the whole account, whichever organization a message is in.
 */
export function strictestAutoLockMinutes(organizations: readonly { policy: OrganizationPolicy }[]): number | null {
  const times = organizations.map(({ policy }) => policy.autoLockMinutes).filter((minutes): minutes is number => minutes !== null);
  return times.length === 0 ? null : Math.min(...times);
}

function flagOf(value: string | undefined, fallback: boolean): boolean {
  const text = value?.trim().toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return fallback;
}

/** Minutes above 0, whole; anything else is not a time. */
function wholeMinutesOf(value: string | undefined): number | null {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return null;
  const minutes = Number(value);
  return Number.isSafeInteger(minutes) && minutes > 0 ? minutes : null;
}

/** What a send asks for, as the composer or the CLI gives it (absent: the organization's default). */
export interface SendChoices {
  ttlMinutes?: number;
  deleteOnRead?: boolean;
  priority?: 'low' | 'normal' | 'high';
}

/**
 * A send under its organization's policy: its defaults fill what the sender left open, and
 * what the organization forbids is refused, with the reason to tell the user.
 */
export function sendUnderPolicy(choices: SendChoices, policy: OrganizationPolicy): { ok: true; choices: SendChoices } | { ok: false; reason: MessageKey } {
  if (choices.priority === 'high' && !policy.priorityAllowed) {
    return { ok: false, reason: 'outbox.urgent-not-allowed' };
  }
  const ttlMinutes = choices.ttlMinutes ?? policy.defaultTtlMinutes ?? undefined;
  const deleteOnRead = choices.deleteOnRead ?? policy.deleteOnRead;
  if (policy.settingsRestricted) {
    // -1 and "absent" both mean "never expires".
    const asked = ttlMinutes === -1 ? undefined : ttlMinutes;
    if (asked !== (policy.defaultTtlMinutes ?? undefined)) {
      return { ok: false, reason: 'outbox.lifetime-managed' };
    }
    if (deleteOnRead !== policy.deleteOnRead) {
      return { ok: false, reason: 'outbox.delete-on-read-managed' };
    }
  }
  return {
    ok: true,
    choices: {
      ...(ttlMinutes === undefined ? {} : { ttlMinutes }),
      deleteOnRead,
      ...(choices.priority === undefined ? {} : { priority: choices.priority }),
    },
  };
}
