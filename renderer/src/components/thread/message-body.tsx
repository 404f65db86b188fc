import { messageParts } from '../../format/message-text';
import { useApp } from '../app-context';

/** A message body as text nodes and link elements: never parsed as HTML. */
export function MessageBody({ body }: { body: string }) {
  const app = useApp();
  return (
    <p class="message-body">
      {messageParts(body).map((part, index) =>
        part.kind === 'text' ? (
          part.text
        ) : (
          <a
            key={index}
            href={part.href}
            rel="noreferrer noopener"
            onClick={(event) => {
              // The window never navigates: main opens the link in the system browser.
              event.preventDefault();
              void app.api.openExternalLink({ url: part.href });
            }}
          >
            {part.text}
          </a>
        ),
      )}
    </p>
  );
}
