/**
 * The DOM elements a window's page holds: those in its document, and the detached ones that
 * something still references (what a leak piles up). Chromium's Memory.getDOMCounters is not
 * used for this: it counts nodes until they are swept, and Blink sweeps when it will, so after a
 * forced collection it still counted 100 to 700 unreachable nodes of the shift, varying from
 * sample to sample. A heap snapshot is taken after a precise collection and holds only what is
 * reachable: every element in it is held, and those beyond the document's are detached.
 */
import type { CDPSession, Page } from 'playwright-core';

export interface DomCensus {
  /** Elements in the page's document. */
  attached: number;
  /** Elements out of the document that something still references. */
  detached: number;
}

/** The part of V8's heap snapshot read here; Blink names an element's node `<tag …>`. */
interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export async function domCensus(page: Page, cdp: CDPSession): Promise<DomCensus> {
  const attached = await page.evaluate(() => (globalThis as unknown as { document: { getElementsByTagName(name: string): { length: number } } }).document.getElementsByTagName('*').length);
  const held = elementsIn(await heapSnapshot(cdp));
  if (held < attached) throw new Error(`The heap snapshot holds ${held} elements, fewer than the ${attached} in the document: it cannot be read as this census expects`);
  return { attached, detached: held - attached };
}

async function heapSnapshot(cdp: CDPSession): Promise<HeapSnapshot> {
  const chunks: string[] = [];
  const onChunk = ({ chunk }: { chunk: string }) => void chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  return JSON.parse(chunks.join('')) as HeapSnapshot;
}

function elementsIn(heap: HeapSnapshot): number {
  const { node_fields: fields, node_types: [types] } = heap.snapshot.meta;
  const [typeAt, nameAt] = [fields.indexOf('type'), fields.indexOf('name')];
  const native = types.indexOf('native');
  if (typeAt < 0 || nameAt < 0 || native < 0) throw new Error(`This Chromium's heap snapshot has no native nodes to count (fields: ${fields.join(', ')})`);
  let elements = 0;
  for (let node = 0; node < heap.nodes.length; node += fields.length) {
    if (heap.nodes[node + typeAt] !== native) continue;
    const name = heap.strings[heap.nodes[node + nameAt] ?? -1] ?? '';
    if (name.startsWith('<') && name.endsWith('>')) elements += 1;
  }
  return elements;
}
