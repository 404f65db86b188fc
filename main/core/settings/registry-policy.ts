/**
 * The managed settings on Windows, as Group Policy writes them (it/windows/TigerDesk.admx):
 * values under `HKLM\SOFTWARE\Policies\TigerDesk`, named like the JSON keys of the settings
 * file, REG_SZ for text and REG_DWORD (0 or 1) for true or false; `autoUpdate` is the subkey
 * `autoUpdate` (values `enabled`, `url`, `allowUnverifiedOnLinux`), `urgentAlerts` the subkey
 * `urgentAlerts` (REG_DWORD `everyMinutes` and `repeats` as numbers, `doNotDisturbSilences` 0
 * or 1), `autoLockMaxMinutes` a REG_DWORD number, `avatarHosts` the subkey `avatarHosts` (one REG_SZ value per host, any value names)
 * and `quickReplies` the subkey `quickReplies` (one REG_SZ value per reply, named 1, 2, 3... in
 * their order, as Group Policy's list writes them). Only administrators can
 * write under HKLM\SOFTWARE\Policies, and no environment variable moves it.
 *
 * Pure: `reg.exe query <key> /s` output in, the settings' JSON value out, which then goes
 * through the same schema as the file (readPolicyValue).
 */

export const policyRegistryKey = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\TigerDesk';

export interface RegistryValue {
  type: string;
  data: string;
}

/** Each key's values, by the key's full name, from `reg query /s` output. */
export function parseRegQuery(output: string): Map<string, Map<string, RegistryValue>> {
  const keys = new Map<string, Map<string, RegistryValue>>();
  let current: Map<string, RegistryValue> | null = null;
  for (const line of output.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (line.startsWith('HKEY_')) {
      current = new Map();
      keys.set(line.trim().toUpperCase(), current);
      continue;
    }
    // "    <name>    <type>    <data>": reg.exe separates the columns by four spaces; a value
    // with no name shows as "(Default)", an empty REG_SZ ends after its type.
    const value = /^ {4}(.*?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/.exec(line);
    if (value === null) {
      if (line.startsWith('End of search') || line.startsWith('ERROR')) continue;
      throw new Error(`reg query printed a line that is neither a key nor a value: ${line.slice(0, 80)}`);
    }
    if (current === null) throw new Error('reg query printed a value before any key');
    current.set(value[1]!, { type: value[2]!, data: value[3] ?? '' });
  }
  return keys;
}

/**
 * The settings the registry holds as the JSON value the schema reads, or null when the key
 * holds none. A value of a type the setting cannot have is kept as text naming its type, so
 * the schema refuses it with the setting's name.
 */
export function policyFromRegistry(keys: Map<string, Map<string, RegistryValue>>): Record<string, unknown> | null {
  const subkey = (name: string) => keys.get(`${policyRegistryKey}\\${name}`.toUpperCase());
  const root = keys.get(policyRegistryKey.toUpperCase());
  const avatarHosts = subkey('avatarHosts');
  const quickReplies = subkey('quickReplies');
  const objects = new Map(objectSettings.map((name) => [name, subkey(name)]));
  if (root === undefined && avatarHosts === undefined && quickReplies === undefined && [...objects.values()].every((values) => values === undefined)) return null;
  const policy = settingsOf(root ?? new Map());
  for (const [name, values] of objects) if (values !== undefined && values.size > 0) policy[name] = settingsOf(values);
  // An empty list is what Group Policy leaves of a policy set back to "Not configured".
  if (avatarHosts !== undefined && avatarHosts.size > 0) policy.avatarHosts = [...avatarHosts.values()].map(valueOf);
  // As for avatarHosts, an empty subkey reads as not configured: an enabled policy with an empty
  // list leaves the same key, so "no quick replies" is for the settings file (JSON, profile) only.
  if (quickReplies !== undefined && quickReplies.size > 0) policy.quickReplies = inNumberedOrder(quickReplies).map(valueOf);
  // Group Policy leaves an empty key behind when every setting is "Not configured".
  return Object.keys(policy).length === 0 ? null : policy;
}

/** A list's values by their names' numbers (1, 2, ... 10: not as text sorts them); other names after, as listed. */
function inNumberedOrder(values: Map<string, RegistryValue>): RegistryValue[] {
  const position = (name: string) => (/^\d+$/.test(name) ? Number(name) : Number.POSITIVE_INFINITY);
  return [...values].sort(([a], [b]) => position(a) - position(b)).map(([, value]) => value);
}

/** The settings that are objects: a subkey of that name, its values named like their keys. */
const objectSettings = ['autoUpdate', 'urgentAlerts'];

function settingsOf(values: Map<string, RegistryValue>): Record<string, unknown> {
  return Object.fromEntries([...values].map(([name, value]) => [name, numberValues.has(name) ? numberOf(value) : valueOf(value)]));
}

/** The settings whose REG_DWORD is a count, not true or false. */
const numberValues: ReadonlySet<string> = new Set(['everyMinutes', 'repeats', 'autoLockMaxMinutes']);

function numberOf({ type, data }: RegistryValue): unknown {
  return type === 'REG_DWORD' ? Number.parseInt(data, 16) : `${type} ${data}`;
}

function valueOf({ type, data }: RegistryValue): unknown {
  switch (type) {
    case 'REG_SZ':
      return data;
    case 'REG_DWORD': {
      const number = Number.parseInt(data, 16);
      if (number === 0) return false;
      if (number === 1) return true;
      return `${type} ${data}`;
    }
    default:
      return `${type} ${data}`;
  }
}
