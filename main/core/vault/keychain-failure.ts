import { userText } from '../../../i18n/user-text';
import type { MessageKey } from '../../../i18n/user-text';
import { VaultError } from './vault-error';
import type { VaultErrorCause } from './vault-error';

interface Rule {
  pattern: RegExp;
  cause: VaultErrorCause;
  explanation: MessageKey;
}

// The texts come from libsecret/GLib D-Bus (Linux), the Security framework (macOS) and
// Credential Manager (Windows) as keytar passes them on; they are matched so that the user
// is told which of these happened rather than a generic failure.
const rules: readonly Rule[] = [
  { pattern: /locked collection|is locked|collection.*locked/i, cause: 'locked', explanation: 'vault.keychain-locked' },
  { pattern: /could not connect|cannot autolaunch d-bus|dbus_session_bus_address|failed to connect to socket|no such file or directory/i, cause: 'unavailable', explanation: 'vault.keychain-no-dbus' },
  { pattern: /org\.freedesktop\.secrets|serviceunknown|not provided by any \.service files|secret service/i, cause: 'unavailable', explanation: 'vault.keychain-no-secret-service' },
  { pattern: /cancel|dismiss|denied|not allowed/i, cause: 'denied', explanation: 'vault.keychain-denied' },
];

/** Turns what keytar threw into a VaultError whose message names the cause. */
export function keychainFailure(operation: string, error: unknown): VaultError {
  if (error instanceof VaultError) return error;
  const said = error instanceof Error ? error.message : String(error);
  const rule = rules.find((candidate) => candidate.pattern.test(said));
  if (rule === undefined) return new VaultError('unknown', userText('vault.keychain-failed', { operation, detail: said }));
  return new VaultError(rule.cause, userText(rule.explanation, { operation, detail: said }));
}
