import type { MessageKey } from '../../../i18n/user-text';
import { t, translator } from '../state/language';

const units: readonly MessageKey[] = ['size.kilobytes', 'size.megabytes', 'size.gigabytes'];

/** A file's size in the window's language: "1 byte", "512 bytes", "1.5 KB", "24 MB" ("1,5 Ko" in French). */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return t('size.bytes', { count: bytes });
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value < 10 ? 1 : 0;
  const size = translator.value.number(value, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return t(units[unit] ?? 'size.gigabytes', { size });
}
