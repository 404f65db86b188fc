// The window's layout is written in logical CSS (start and end, not left and right), so that a
// right-to-left language lays it out mirrored. Any physical property or value is refused here;
// the mirrored layout itself is checked in Chromium (test/e2e/pseudo-locale-layout.test.ts).
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

/** Declarations that fix a side: margin-left, padding-right, border-left, left: 0, float: right, text-align: left… */
const physical = [
  /\b(?:margin|padding|border|scroll-margin|scroll-padding)-(?:left|right)\b/,
  /(?:^|[\s;{])(?:left|right)\s*:/,
  /\b(?:text-align|float|clear)\s*:\s*(?:left|right)\b/,
  /\bborder-(?:top|bottom)-(?:left|right)-radius\b/,
  // Four-value shorthands name top, right, bottom and left in that order.
  /\b(?:margin|padding|inset)\s*:\s*[^;{}\s]+\s+[^;{}\s]+\s+[^;{}\s]+\s+[^;{}\s]+\s*;/,
];

describe('the window’s stylesheet', () => {
  it('uses logical properties only (no left, right, or four-sided shorthand)', async () => {
    const css = await readFile(new URL('../../renderer/src/app.css', import.meta.url), 'utf8');
    const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
    const found = withoutComments
      .split('\n')
      .map((line, index) => ({ line: line.trim(), number: index + 1 }))
      .filter(({ line }) => physical.some((pattern) => pattern.test(line)));
    expect(found).toEqual([]);
  });

  it('would catch a physical property (the check itself)', () => {
    for (const line of ['margin-left: 1rem;', '  left: 0;', 'text-align: right;', 'padding: 0 1rem 0 0;', 'border-top-left-radius: 4px;']) {
      expect(physical.some((pattern) => pattern.test(line)), line).toBe(true);
    }
    for (const line of ['margin-inline-start: 1rem;', 'inset-inline-end: 0;', 'text-align: start;', 'padding: 0.4rem 0.7rem;', 'border-start-start-radius: 4px;']) {
      expect(physical.some((pattern) => pattern.test(line)), line).toBe(false);
    }
  });
});
