import { t } from '../state/language';

/**
 * The hint beside the Server field while an address is typed. Main decides, and refuses an
 * http server that is not on this computer before anything is sent; this only says so before
 * the person has typed a password for nothing. The window cannot import main's rule, so the
 * loopback test is restated here, for the hint alone.
 */
export function serverHint(typed: string): string | null {
  const text = typed.trim();
  if (!/^http:\/\//i.test(text)) return null;
  let hostname: string;
  try {
    hostname = new URL(text).hostname;
  } catch {
    return null;
  }
  const loopback = hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
  return loopback ? null : t('signin.https-hint');
}
