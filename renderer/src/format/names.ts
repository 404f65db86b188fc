import { t } from '../state/language';

/** Up to two initials for an avatar that shows no picture. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter((word) => word !== '');
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toLocaleUpperCase();
}

/** "Ann", "Ann and Bob", "Ann, Bob and 2 others" for typing indicators. */
export function listOfNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length === 2) return t('names.two', { first: names[0] ?? '', second: names[1] ?? '' });
  return t('names.more', { first: names[0] ?? '', second: names[1] ?? '', others: names.length - 2 });
}
