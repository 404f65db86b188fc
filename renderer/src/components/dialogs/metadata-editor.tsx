import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { failureWording, wording, worded } from '../../format/error-text';
import type { Wording } from '../../format/error-text';
import { t } from '../../state/language';
import { useApp } from '../app-context';
import { ErrorAlert } from '../common/error-alert';

const maxKeys = 8;

/** The up to 8 key/value pairs the service keeps on a person or group. */
export function MetadataEditor({ entity }: { entity: string }) {
  const app = useApp();
  const values = useSignal<Record<string, string> | null>(null);
  const newKey = useSignal('');
  const newValue = useSignal('');
  const error = useSignal<Wording | null>(null);
  useEffect(() => {
    app.api.getMetadata({ entity }).then(
      (found) => (values.value = found),
      (failure: unknown) => (error.value = failureWording(failure, 'metadata.load-failed')),
    );
  }, [entity]);
  const run = (call: Promise<Record<string, string> | { ok: true }>, after: (result: Record<string, string> | { ok: true }) => void) => {
    error.value = null;
    call.then(after, (failure: unknown) => (error.value = failureWording(failure, 'metadata.not-saved')));
  };
  const current = values.value;
  if (current === null) return error.value === null ? null : <p class="error">{worded(error.value)}</p>;
  const entries = Object.entries(current);
  const add = (event: Event) => {
    event.preventDefault();
    const key = newKey.value.trim();
    if (key === '') {
      error.value = wording('metadata.name-required');
      return;
    }
    if (!(key in current) && entries.length >= maxKeys) {
      error.value = wording('metadata.too-many', { max: maxKeys });
      return;
    }
    run(app.api.setMetadata({ entity, values: { [key]: newValue.value } }), (result) => {
      if (!('ok' in result)) values.value = result;
      newKey.value = '';
      newValue.value = '';
    });
  };
  return (
    <section class="metadata" aria-label={t('metadata.details')}>
      <h3>{t('metadata.details')}</h3>
      {entries.length === 0 ? (
        <p class="subtle">{t('metadata.none')}</p>
      ) : (
        <dl>
          {entries.map(([key, value]) => (
            <div key={key} class="metadata-entry">
              <dt>{key}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      <form class="metadata-form" onSubmit={add}>
        <label class="field">
          <span>{t('metadata.detail')}</span>
          <input value={newKey.value} maxLength={64} onInput={(event) => (newKey.value = event.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('metadata.value')}</span>
          <input value={newValue.value} maxLength={1000} onInput={(event) => (newValue.value = event.currentTarget.value)} />
        </label>
        <div class="actions">
          <button type="submit">{t('metadata.save')}</button>
          {entries.length > 0 && (
            <button type="button" onClick={() => run(app.api.clearMetadata({ entity }), () => (values.value = {}))}>
              {t('metadata.clear')}
            </button>
          )}
        </div>
      </form>
      <ErrorAlert message={worded(error.value)} />
    </section>
  );
}
