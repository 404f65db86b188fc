import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { MessageView } from '../../../../preload/contract';
import { fileSize } from '../../format/size';
import { t } from '../../state/language';
import { useApp } from '../app-context';
import { ErrorAlert } from '../common/error-alert';
import { useActionError } from '../common/use-action-error';

/** Raster images only: an SVG can carry script and links, so it is shown as a file card. */
const previewable = /^image\/(png|jpe?g|gif|webp|bmp|avif)$/i;

/** The image's bytes come from main and are shown through a blob: URL freed on unmount. */
function ImagePreview({ messageId, name }: { messageId: string; name: string }) {
  const app = useApp();
  const url = useSignal<string | null>(null);
  const failed = useSignal(false);
  useEffect(() => {
    let current = true;
    let created: string | null = null;
    app.api.attachmentPreview({ messageId }).then(
      (preview) => {
        if (!current) return;
        created = URL.createObjectURL(new Blob([new Uint8Array(preview.bytes)], { type: preview.contentType }));
        url.value = created;
      },
      () => current && (failed.value = true),
    );
    return () => {
      current = false;
      if (created !== null) URL.revokeObjectURL(created);
    };
  }, [messageId]);
  if (failed.value) return <p class="subtle">{t('thread.attachment.preview-failed')}</p>;
  if (url.value === null) return <div class="image-placeholder" aria-label={t('thread.attachment.loading', { name })} role="img" />;
  const src = url.value;
  // Told before main shows the context menu, so that its "Save image…" saves this message's file.
  return <img class="image-preview" src={src} alt={name} onContextMenu={() => void app.api.contextTarget({ messageId, src }).catch(() => undefined)} />;
}

export function AttachmentView({ message }: { message: MessageView }) {
  const app = useApp();
  const { error, run: act } = useActionError();
  const attachment = message.attachment;
  if (attachment === null) return null;
  return (
    <div class="attachment">
      {previewable.test(attachment.contentType) && <ImagePreview messageId={message.id} name={attachment.name} />}
      <div class="file-card">
        <span class="file-icon" aria-hidden="true">
          {attachment.contentType.split('/')[1]?.slice(0, 4).toUpperCase() ?? t('thread.attachment.file')}
        </span>
        <span class="file-details">
          <span class="file-name">{attachment.name}</span>
          <span class="subtle">{t('thread.attachment.details', { type: attachment.contentType, size: fileSize(attachment.size) })}</span>
        </span>
        <button type="button" onClick={() => act(() => app.api.saveAttachment({ messageId: message.id }))} aria-label={t('thread.attachment.save-as-named', { name: attachment.name })}>
          {t('thread.attachment.save-as')}
        </button>
        <button type="button" onClick={() => act(() => app.api.openAttachment({ messageId: message.id }))} aria-label={t('thread.attachment.open-named', { name: attachment.name })}>
          {t('thread.attachment.open')}
        </button>
      </div>
      <ErrorAlert message={error.value} />
    </div>
  );
}
