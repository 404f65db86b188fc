import { useComputed, useSignal } from '@preact/signals';
import type { ReadonlySignal } from '@preact/signals';
import type { UserText } from '../../../../i18n/user-text';
import { failureText } from '../../format/failure-text';
import { said } from '../../state/language';

/**
 * Runs a button's action, keeping why the last one failed (cleared when the next one starts) for
 * an ErrorAlert: held as main's words, worded in the window's language as it is read.
 */
export function useActionError(): { error: ReadonlySignal<string | null>; run: (action: () => Promise<unknown>) => void } {
  const failure = useSignal<UserText | null>(null);
  const error = useComputed(() => (failure.value === null ? null : said(failure.value)));
  const run = (action: () => Promise<unknown>) => {
    failure.value = null;
    action().catch((caught: unknown) => (failure.value = failureText(caught)));
  };
  return { error, run };
}
