import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { CallOutput } from '../../../../preload/contract';
import { failureWording, worded } from '../../format/error-text';
import type { Wording } from '../../format/error-text';
import { t } from '../../state/language';
import { fullTime } from '../../format/time';
import { useApp } from '../app-context';
import { Dialog } from '../common/dialog';

type Statuses = CallOutput<'messageInfo'>['statuses'];

export function MessageInfo({ messageId }: { messageId: string }) {
  const app = useApp();
  const statuses = useSignal<Statuses | null>(null);
  const error = useSignal<Wording | null>(null);
  useEffect(() => {
    app.api.messageInfo({ messageId }).then(
      (info) => (statuses.value = info.statuses),
      (failure: unknown) => (error.value = failureWording(failure)),
    );
  }, [messageId]);
  return (
    <Dialog title={t('dialog.message-info')} onClose={() => (app.ui.dialog.value = null)}>
      {error.value !== null && <p class="error">{worded(error.value)}</p>}
      {statuses.value === null && error.value === null && <p>{t('dialog.loading')}</p>}
      {statuses.value !== null && (
        <table class="info-table">
          <thead>
            <tr>
              <th scope="col">{t('dialog.message-info.recipient')}</th>
              <th scope="col">{t('dialog.message-info.status')}</th>
              <th scope="col">{t('dialog.message-info.since')}</th>
            </tr>
          </thead>
          <tbody>
            {statuses.value.map((status) => (
              <tr key={status.token}>
                <td>{status.name}</td>
                <td>{t(status.status === 'sent' ? 'message.status.sent' : status.status === 'delivered' ? 'message.status.delivered' : 'message.status.read')}</td>
                <td>{fullTime(status.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}
