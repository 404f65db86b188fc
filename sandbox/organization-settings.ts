import { badRequest } from './errors';
import { optionalBoolean, optionalInteger } from './fields';
import type { OrganizationRow, OrganizationSettingRow } from './store/accounts';

/**
 * An organization's settings as API.md serves them: an array of `{name, value}` strings. `ttl`
 * is the organization's default lifetime (`default_ttl`, the one sends without a ttl get);
 * the others are stored as changed, and hold these values until then.
 */
const FLAG_DEFAULTS = {
  dor: 'false',
  priority_messaging: 'true',
  pin_lock: 'false',
  forward: 'true',
  settings_restricted: 'false',
} as const;
/** API.md: minutes, default 1440. */
const DEFAULT_AUTOLOGOUT_MINUTES = '1440';

export const SETTING_NAMES = ['ttl', 'dor', 'priority_messaging', 'autologout_time', 'pin_lock', 'forward', 'settings_restricted'] as const;

export function settingsOf(organization: OrganizationRow, stored: readonly OrganizationSettingRow[]): OrganizationSettingRow[] {
  const values = new Map<string, string>([
    ['ttl', String(organization.default_ttl)],
    ...Object.entries(FLAG_DEFAULTS),
    ['autologout_time', DEFAULT_AUTOLOGOUT_MINUTES],
  ]);
  for (const setting of stored) values.set(setting.name, setting.value);
  return SETTING_NAMES.map((name) => ({ name, value: values.get(name)! }));
}

export interface SettingChanges {
  defaultTtl?: number;
  settings: OrganizationSettingRow[];
}

/**
 * The settings a change names, each checked: `ttl` -1 (never) or whole minutes up to the
 * organization's longest lifetime, `autologout_time` whole minutes, the rest booleans (JSON or
 * their string spelling). Any other name is refused, so a misspelt setting is never ignored.
 */
export function readSettingChanges(fields: Record<string, unknown>, organization: OrganizationRow): SettingChanges {
  const names = Object.keys(fields);
  if (names.length === 0) throw badRequest(`no settings to change: give any of ${SETTING_NAMES.join(', ')}`);
  const changes: SettingChanges = { settings: [] };
  for (const name of names) {
    if (name === 'ttl') {
      const ttl = optionalInteger(fields, name);
      if (ttl === undefined || (ttl !== -1 && ttl < 1)) throw badRequest('field "ttl" must be -1 (never) or a positive number of minutes');
      if (organization.max_ttl !== null && ttl > organization.max_ttl) {
        throw badRequest(`field "ttl" must be at most ${organization.max_ttl} minutes, the organization's longest lifetime`);
      }
      changes.defaultTtl = ttl;
    } else if (name === 'autologout_time') {
      const minutes = optionalInteger(fields, name);
      if (minutes === undefined || minutes < 1) throw badRequest('field "autologout_time" must be a positive number of minutes');
      changes.settings.push({ name, value: String(minutes) });
    } else if (Object.hasOwn(FLAG_DEFAULTS, name)) {
      const flag = optionalBoolean(fields, name);
      if (flag === undefined) throw badRequest(`field "${name}" must be a boolean`);
      changes.settings.push({ name, value: String(flag) });
    } else {
      throw badRequest(`field "${name}" is not an organization setting: give any of ${SETTING_NAMES.join(', ')}`);
    }
  }
  return changes;
}
