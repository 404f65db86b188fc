// The variables an ICU message uses, read from FormatJS's own parse of it, so a translation
// that lost or renamed one ("{name}" turned into "{nom}") is found.
import { IntlMessageFormat } from 'intl-messageformat';

type Node = { type: number; value?: string; options?: Record<string, { value: Node[] }>; children?: Node[] };

/** The node types of @formatjs/icu-messageformat-parser that name a variable: argument, number, date, time, select, plural, tag. */
const namingTypes = new Set([1, 2, 3, 4, 5, 6, 8]);

export function variablesOf(message: string, locale: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      if (namingTypes.has(node.type) && node.value !== undefined) names.add(node.value);
      for (const option of Object.values(node.options ?? {})) walk(option.value);
      if (node.children !== undefined) walk(node.children);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst() as unknown as Node[]);
  return [...names].sort();
}
