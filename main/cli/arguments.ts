/** The command line, parsed and checked before anything is opened. Pure. */
import { parseArgs } from 'node:util';
import type { Priority } from '../../preload/contract';
import { serverUrl } from '../core/session/server-url';
import { CliError, exitCodes } from './cli-error';

export const defaultServer = 'http://127.0.0.1:7443/v2';

export const usage = `usage: npm run cli -- [--server URL] [--data-dir DIR] <command> [options]

commands:
  login <user-id> [--password-stdin]   sign in with a user id (email, phone, username) and password
  login --key KEY [--password-stdin]   sign in with a key/secret pair; the secret is read like a password
  whoami [--json]                      the signed-in account
  orgs [--json]                        the organizations the account belongs to (which is home)
  roster [--org ORG] [--json]          the conversations (in one organization), after catching up with the server
  profile [--json]                     your profile as the server holds it: name, status, Do Not Disturb
  profile [--name NAME] [--status TEXT]
                                       change your name or status text (--status "" clears it)
  dnd on [text] | dnd off              Do Not Disturb on the server, so colleagues see it,
                                       with the message they see (kept when none is given)
  thread <address> [--limit N] [--json]
                                       a conversation's newest messages, oldest first
  send <address> <text> [--attach FILE] [--ttl MINUTES] [--dor] [--priority high|normal|low] [--org ORG]
                                       queued first: with the server down it stays queued (exit 0);
                                       --org: to the person in that organization (default: the conversation's, else home)
  search <name> [--org ORG] [--limit N] [--json]
                                       people and groups whose name starts so (or email,
                                       username), in all your organizations or ORG (token or name)
  outbox [--json]                      what is waiting to be sent, or failed, with its state
  outbox retry <job-id>                try a waiting or failed job again now
  outbox cancel <job-id>               remove a job (and its message, if the server never got it)
  tail                                 every stored change as one JSON line, until interrupted;
                                       like roster and thread, it sends what the outbox holds
  logout                               revoke the session and erase this account's local data

options:
  --server URL       the service for login (default ${defaultServer}); https://host,
                     https://host/ or host alone mean https://host/v2; http only for
                     a server on this computer (127.0.0.1, localhost, [::1])
  --data-dir DIR     where accounts are kept (default: per user, e.g. ~/.local/share/tigerdesk-cli)
  --password-stdin   read the password (or secret) from standard input instead of a prompt
  --org ORG          an organization the account belongs to, by name (any case) or token (see orgs)

environment:
  HTTPS_PROXY, HTTP_PROXY   the proxy to go through (NO_PROXY: hosts reached directly)
  NODE_EXTRA_CA_CERTS       a PEM file of certificates to trust as well, such as a hospital's
                            inspecting proxy's; read when the command starts

exit status: 0 done, 1 failed, 2 usage, 3 not signed in or credentials rejected,
             4 server unreachable, 5 keychain unavailable,
             6 the account is open in another process (one command at a time per data folder)`;

interface Common {
  server: string;
  dataDir: string | undefined;
  json: boolean;
}

export type Command = Common & (
  | { name: 'help' }
  | { name: 'login'; userId: string; passwordStdin: boolean }
  | { name: 'login-key'; key: string; passwordStdin: boolean }
  | { name: 'whoami' }
  | { name: 'orgs' }
  | { name: 'roster'; org?: string }
  | { name: 'profile'; displayName?: string; status?: string }
  | { name: 'dnd'; on: boolean; text?: string }
  | { name: 'thread'; address: string; limit: number }
  | { name: 'send'; address: string; text: string; attach?: string; ttl?: number; dor: boolean; priority?: Priority; org?: string }
  | { name: 'tail' }
  | { name: 'search'; typed: string; organization?: string; limit: number }
  | { name: 'outbox'; action: 'list' }
  | { name: 'outbox'; action: 'retry' | 'cancel'; jobId: number }
  | { name: 'logout' }
);

const options = {
  server: { type: 'string' },
  'data-dir': { type: 'string' },
  'password-stdin': { type: 'boolean' },
  key: { type: 'string' },
  json: { type: 'boolean' },
  limit: { type: 'string' },
  attach: { type: 'string' },
  ttl: { type: 'string' },
  dor: { type: 'boolean' },
  priority: { type: 'string' },
  org: { type: 'string' },
  name: { type: 'string' },
  status: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = keyof typeof options;

/** Which options each command takes beyond the global ones. */
const allowed: Record<string, readonly OptionName[]> = {
  login: ['password-stdin', 'key'],
  whoami: ['json'],
  orgs: ['json'],
  roster: ['org', 'json'],
  profile: ['json', 'name', 'status'],
  dnd: ['json'],
  thread: ['limit', 'json'],
  send: ['attach', 'ttl', 'dor', 'priority', 'org', 'json'],
  tail: [],
  search: ['org', 'limit', 'json'],
  outbox: ['json'],
  logout: [],
};

const global: readonly OptionName[] = ['server', 'data-dir', 'help'];

export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const common: Common = { server: serverOption(values.server ?? defaultServer), dataDir: values['data-dir'], json: values.json === true };
  const [name, ...rest] = positionals;
  if (values.help || name === undefined || name === 'help') return { ...common, name: 'help' };
  const accepted = allowed[name];
  if (accepted === undefined) throw usageError(`unknown command "${name}"`);
  for (const option of Object.keys(values) as OptionName[]) {
    if (!global.includes(option) && !accepted.includes(option)) throw usageError(`${name} does not take --${option}`);
  }
  const operands = (count: number, names: string) => {
    if (rest.length !== count) throw usageError(`${name} takes ${names}`);
    return rest;
  };
  switch (name) {
    case 'login': {
      const passwordStdin = values['password-stdin'] === true;
      if (values.key !== undefined) {
        operands(0, '--key KEY and no user id');
        return { ...common, name: 'login-key', key: nonEmpty('--key', values.key), passwordStdin };
      }
      const [userId] = operands(1, 'one user id (or --key KEY)');
      return { ...common, name: 'login', userId: nonEmpty('user id', userId!), passwordStdin };
    }
    case 'thread': {
      const [address] = operands(1, 'one address');
      const limit = values.limit === undefined ? 50 : wholeNumber('--limit', values.limit, 1, 500);
      return { ...common, name: 'thread', address: nonEmpty('address', address!), limit };
    }
    case 'send': {
      const [address, text] = operands(2, 'an address and the text (quote it)');
      const command: Command = { ...common, name: 'send', address: nonEmpty('address', address!), text: text!, dor: values.dor === true };
      if (text === '' && values.attach === undefined) throw usageError('send needs some text or --attach FILE');
      if (values.attach !== undefined) command.attach = nonEmpty('--attach', values.attach);
      if (values.ttl !== undefined) command.ttl = values.ttl === '-1' ? -1 : wholeNumber('--ttl', values.ttl, 1, 525_600);
      if (values.priority !== undefined) command.priority = priorityOf(values.priority);
      return { ...command, ...orgOption(values.org) };
    }
    case 'search': {
      const [typed] = operands(1, 'one name (quote it if it has spaces)');
      const command: Command = { ...common, name: 'search', typed: nonEmpty('name', typed!), limit: values.limit === undefined ? 50 : wholeNumber('--limit', values.limit, 1, 500) };
      if (values.org !== undefined) command.organization = nonEmpty('--org', values.org);
      return command;
    }
    case 'outbox': {
      if (rest.length === 0) return { ...common, name: 'outbox', action: 'list' };
      const [action, id] = rest;
      if ((action !== 'retry' && action !== 'cancel') || rest.length !== 2) {
        throw usageError('outbox takes no operands (list), or retry <job-id>, or cancel <job-id>');
      }
      if (values.json === true) throw usageError(`outbox ${action} does not take --json`);
      return { ...common, name: 'outbox', action, jobId: wholeNumber('job id', id!, 1, Number.MAX_SAFE_INTEGER) };
    }
    case 'profile': {
      operands(0, 'no operands (--name NAME, --status TEXT)');
      const command: Command = { ...common, name: 'profile' };
      if (values.name !== undefined) command.displayName = longest('--name', nonEmpty('--name', values.name).trim(), 100);
      if (values.status !== undefined) command.status = longest('--status', values.status.trim(), 500);
      if (common.json && (command.displayName !== undefined || command.status !== undefined)) throw usageError('profile --json only shows the profile');
      return command;
    }
    case 'dnd': {
      const [state, ...words] = rest;
      if (state === 'off' && words.length === 0) return { ...common, name: 'dnd', on: false };
      if (state !== 'on') throw usageError('dnd takes on [text] or off');
      const text = words.join(' ').trim();
      return { ...common, name: 'dnd', on: true, ...(words.length === 0 ? {} : { text: longest('the Do Not Disturb text', text, 500) }) };
    }
    case 'roster':
      operands(0, 'no operands');
      return { ...common, name, ...orgOption(values.org) };
    case 'whoami':
    case 'orgs':
    case 'tail':
    case 'logout':
      operands(0, 'no operands');
      return { ...common, name };
    default:
      throw usageError(`unknown command "${name}"`);
  }
}

function usageError(message: string): CliError {
  return new CliError(exitCodes.usage, `${message}\n\n${usage}`);
}

/** Read before anything is asked or opened, so an http server is refused before the password prompt. */
function serverOption(typed: string): string {
  try {
    return serverUrl(typed);
  } catch (error) {
    // serverUrl throws only its ServerUrlError, worded for the person who typed the address.
    throw usageError(`--server: ${(error as Error).message}`);
  }
}

function nonEmpty(what: string, value: string): string {
  if (value.trim() === '') throw usageError(`${what} must not be empty`);
  return value;
}

/** `--org` as given (resolved against the account's organizations once signed in, see organization-option.ts). */
export function orgOption(value: string | undefined): { org?: string } {
  return value === undefined ? {} : { org: nonEmpty('--org', value) };
}

function longest(what: string, text: string, most: number): string {
  if (text.length > most) throw usageError(`${what} must be at most ${most} characters`);
  return text;
}

function wholeNumber(what: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw usageError(`${what} must be a whole number from ${min} to ${max}${what === '--ttl' ? ' (minutes), or -1 for never' : ''}`);
  }
  return Number(text);
}

function priorityOf(text: string): Priority {
  if (text === 'high' || text === 'normal' || text === 'low') return text;
  throw usageError('--priority must be high, normal or low');
}
