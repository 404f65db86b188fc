import { useSignal } from '@preact/signals';
import type { Signal } from '@preact/signals';
import { errorText } from '../../format/error-text';

/** Runs a button's action, keeping why the last one failed (cleared when the next one starts) for an ErrorAlert. */
export function useActionError(): { error: Signal<string | null>; run: (action: () => Promise<unknown>) => void } {
  const error = useSignal<string | null>(null);
  const run = (action: () => Promise<unknown>) => {
    error.value = null;
    action().catch((failure: unknown) => (error.value = errorText(failure)));
  };
  return { error, run };
}
