/**
 * The one logger interface of the core. Fields are plain values (ids, counts, reasons);
 * whatever a caller passes, `redactFields` runs before anything is written.
 */
export type LogValue = string | number | boolean | null | undefined | readonly string[];
export type LogFields = Readonly<Record<string, LogValue>>;
export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface LogRecord {
  time: string;
  level: LogLevel;
  scope: string;
  message: string;
  fields: LogFields;
}

export type LogSink = (record: LogRecord) => void;

/** A logger for one part of the core (`scope`), writing redacted records to a sink. */
export function createLogger(scope: string, sink: LogSink, now: () => number = Date.now): Logger {
  const write = (level: LogLevel) => (message: string, fields: LogFields = {}) =>
    sink({ time: new Date(now()).toISOString(), level, scope, message: redactText(message), fields: redactFields(fields) });
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

const secretFieldName = /^(authorization|auth|key|secret|password|passphrase|api[-_]?key|cookie|body|text|draft|payload|db[-_]?key)$/i;
const credentialInText = /\b(Basic|Bearer|XMPP-Simple)\s+[A-Za-z0-9+/=._-]{6,}/g;

export const REDACTED = '[redacted]';

/** Drops the values of fields that may hold a secret or a message body. */
export function redactFields(fields: LogFields): LogFields {
  const out: Record<string, LogValue> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (secretFieldName.test(name)) out[name] = value === undefined ? undefined : REDACTED;
    else if (typeof value === 'string') out[name] = redactText(value);
    else if (Array.isArray(value)) out[name] = value.map(redactText);
    else out[name] = value;
  }
  return out;
}

/** Masks credentials that a free-text message may carry (an echoed header, say). */
export function redactText(text: string): string {
  return text.replace(credentialInText, (_match, scheme: string) => `${scheme} ${REDACTED}`);
}
