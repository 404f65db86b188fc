/**
 * `Retry-After` in milliseconds from now, from either form RFC 9110 allows: delta-seconds
 * or an HTTP-date. Undefined when absent or unreadable; a date in the past means 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: () => number = Date.now): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const ms = Number(text) * 1000;
    return Number.isSafeInteger(ms) ? ms : undefined;
  }
  // Date.parse accepts bare numbers and many loose forms: require a weekday-led HTTP-date shape.
  if (!/^[A-Za-z]{3,9},? /.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now());
}
