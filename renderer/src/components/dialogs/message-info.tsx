import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { CallOutput } from '../../../../preload/contract';
import { errorText } from '../../format/error-text';
import { fullTime } from '../../format/time';
import { useApp } from '../app-context';
import { Dialog } from '../common/dialog';

type Statuses = CallOutput<'messageInfo'>['statuses'];

export function MessageInfo({ messageId }: { messageId: string }) {
  const app = useApp();
  const statuses = useSignal<Statuses | null>(null);
  const error = useSignal<string | null>(null);
  useEffect(() => {
    app.api.messageInfo({ messageId }).then(
      (info) => (statuses.value = info.statuses),
      (failure: unknown) => (error.value = errorText(failure)),
    );
  }, [messageId]);
  return (
    <Dialog title="Message info" onClose={() => (app.ui.dialog.value = null)}>
      {error.value !== null && <p class="error">{error.value}</p>}
      {statuses.value === null && error.value === null && <p>Loading…</p>}
      {statuses.value !== null && (
        <table class="info-table">
          <thead>
            <tr>
              <th scope="col">Recipient</th>
              <th scope="col">Status</th>
              <th scope="col">Since</th>
            </tr>
          </thead>
          <tbody>
            {statuses.value.map((status) => (
              <tr key={status.token}>
                <td>{status.name}</td>
                <td>{status.status === 'sent' ? 'Sent' : status.status === 'delivered' ? 'Delivered' : 'Read'}</td>
                <td>{fullTime(status.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}
