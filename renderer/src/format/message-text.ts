import { tokenize } from 'linkifyjs';

/** A run of message text: plain, or a link that may be opened. */
export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// What main opens (main/shell/external-links.ts): a link it would refuse is no link at all.
const openable = /^https:/i;

/**
 * Splits a message body into text and links. Only https targets become links (a bare
 * `ward.example/x` is one);
 * anything else stays text. The result is rendered as text nodes and elements, never as HTML.
 */
export function messageParts(body: string): TextPart[] {
  const parts: TextPart[] = [];
  const pushText = (text: string): void => {
    const last = parts[parts.length - 1];
    if (last?.kind === 'text') last.text += text;
    else parts.push({ kind: 'text', text });
  };
  for (const token of tokenize(body)) {
    const text = token.toString();
    if (!token.isLink) {
      pushText(text);
      continue;
    }
    const href = token.toHref('https');
    if (openable.test(href)) parts.push({ kind: 'link', text, href });
    else pushText(text);
  }
  return parts;
}
